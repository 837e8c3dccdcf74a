namespace ResearchKit.Models;

/// <summary>The shape of ResearchKit's DAN reading [R]: backbone widths (stem, stage 1..4), the width each stage is
/// projected to, and the fusion width.</summary>
public sealed record DanConfig
{
    /// <summary>Image channels.</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Classes the head predicts.</summary>
    public required int NumClasses { get; init; }

    /// <summary>Widths of the stem and the four stages.</summary>
    public int[] Widths { get; init; } = [32, 32, 64, 128, 256];

    /// <summary>Width every stage is projected to before the aggregation.</summary>
    public int ProjectChannels { get; init; } = 32;

    /// <summary>Width of the 3×3 fusion layer.</summary>
    public int FuseChannels { get; init; } = 128;

    /// <summary>The CamVid size: widths 32-32-64-128-256, projections of 32, fusion of 128.</summary>
    public static DanConfig Small(int numClasses) => new() { NumClasses = numClasses };

    /// <summary>H and W must be multiples of this (the backbone runs at output stride 16).</summary>
    public int SizeMultiple => 16;
}
