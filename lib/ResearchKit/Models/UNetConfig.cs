namespace ResearchKit.Models;

/// <summary>Shape of a <see cref="UNet"/>: input channels, classes, encoder widths (one per level) and bottleneck width.</summary>
public sealed record UNetConfig(int InChannels, int NumClasses, int[] Widths, int Bottleneck)
{
    /// <summary>The engine benchmark's reference U-Net (bench/torch/unet_ref.py): widths 16-32-64-128, bottleneck 256, 12 classes.</summary>
    public static UNetConfig Reference { get; } = new(3, 12, [16, 32, 64, 128], 256);

    /// <summary>Input sizes must be multiples of this (one 2x2 max-pool per level).</summary>
    public int SizeMultiple => 1 << Widths.Length;
}
