namespace ResearchKit.Models;

/// <summary>Shape of <see cref="SrNet"/>, the self-regulation spec's backbone (§2, ResearchKit's choice).</summary>
public sealed record SrNetConfig
{
    /// <summary>Image channels.</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Classes the head predicts.</summary>
    public required int NumClasses { get; init; }

    /// <summary>Channels of blocks 1..4 (spec: 32, 64, 96, 128).</summary>
    public int[] Widths { get; init; } = [32, 64, 96, 128];

    /// <summary>The exit head's hidden channels (spec: 32).</summary>
    public int HeadWidth { get; init; } = 32;

    /// <summary>Strides of the blocks relative to their input: 2, 2, 2, 1 (cumulative 2, 4, 8, 8).</summary>
    public static readonly int[] BlockStrides = [2, 2, 2, 1];

    /// <summary>Dilations of the blocks: block 4 is dilated by 2.</summary>
    public static readonly int[] BlockDilations = [1, 1, 1, 2];

    /// <summary>H and W of an input must be multiples of 8.</summary>
    public int SizeMultiple => 8;

    /// <summary>Throws unless there are four positive widths and a positive head width.</summary>
    public void Validate()
    {
        if (Widths.Length != 4 || Widths.Any(w => w < 1) || HeadWidth < 1 || InChannels < 1 || NumClasses < 1)
            throw new ArgumentException($"srnet: needs 4 positive block widths and a positive head width, got [{string.Join(",", Widths)}] and {HeadWidth}");
    }
}
