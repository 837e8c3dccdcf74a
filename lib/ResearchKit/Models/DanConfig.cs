namespace ResearchKit.Models;

/// <summary>The shape of ResearchKit's DAN reading [R]: backbone widths (stem, stage 1..4), the width each stage is
/// projected to, and the fusion width.</summary>
public sealed record DanConfig(int InChannels, int NumClasses, int[] Widths, int ProjectChannels, int FuseChannels)
{
    /// <summary>The CamVid size: widths 32-32-64-128-256, projections of 32, fusion of 128.</summary>
    public static DanConfig Small(int numClasses) => new(3, numClasses, [32, 32, 64, 128, 256], 32, 128);

    /// <summary>H and W must be multiples of this (the backbone runs at output stride 16).</summary>
    public int SizeMultiple => 16;
}
