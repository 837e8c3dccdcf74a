using ResearchKit.Spectral;

namespace ResearchKit.Models;

/// <summary>Shape of a <see cref="UNet"/>: input channels, classes, encoder widths (one per level), bottleneck width, and
/// where its decoder and classifier run (spectral spec 2.7 and NB03/NB04).</summary>
/// <remarks>The layers and their parameters are the same for every t and s, so one checkpoint loads into any of them.</remarks>
public sealed record UNetConfig
{
    /// <summary>Image channels.</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Classes the head predicts.</summary>
    public required int NumClasses { get; init; }

    /// <summary>Encoder widths, one per level (each level ends in a 2×2 max-pool).</summary>
    public required int[] Widths { get; init; }

    /// <summary>Bottleneck width.</summary>
    public required int Bottleneck { get; init; }

    /// <summary>t: decoder stages finer than stride t run at stride t (the up-sampling into them is skipped) and finer
    /// encoder skips are brought to stride t by <see cref="SkipOperator"/>. 1 = the plain U-Net. A power of two no larger
    /// than 2^levels.</summary>
    public int DecoderStride { get; init; } = 1;

    /// <summary>How skip features are brought to stride t.</summary>
    public TruncationOperator SkipOperator { get; init; } = TruncationOperator.AreaDownsample;

    /// <summary>s: the classifier runs on a grid of stride s, the decoder output area-down-sampled by s/t (s must be a
    /// multiple of t); the logits are up-sampled bilinearly to the input size. 1 = full resolution.</summary>
    public int GridFactor { get; init; } = 1;

    /// <summary>The engine benchmark's reference U-Net (bench/torch/unet_ref.py): widths 16-32-64-128, bottleneck 256, 12 classes.</summary>
    public static UNetConfig Reference { get; } = new() { NumClasses = 12, Widths = [16, 32, 64, 128], Bottleneck = 256 };

    /// <summary>Input sizes must be multiples of this: 2^levels (one 2x2 max-pool per level); the grid factor need not divide them.</summary>
    public int SizeMultiple => 1 << Widths.Length;

    /// <summary>NB03's reading of grid factor s: the decoder truncated (area) at r, the largest of 1, 2, 4, 8 (and at
    /// most 2^levels) dividing s, then area-down-sampled by s/r.</summary>
    public static int DecoderStrideForGrid(int s, int levels) =>
        new[] { 8, 4, 2, 1 }.First(r => r <= 1 << levels && s % r == 0);

    /// <summary>Throws unless t is a power of two ≤ 2^levels and s a positive multiple of t.</summary>
    public void Validate()
    {
        if (DecoderStride < 1 || (DecoderStride & (DecoderStride - 1)) != 0 || DecoderStride > 1 << Widths.Length)
            throw new ArgumentException($"unet: decoder stride {DecoderStride} must be a power of two no larger than 2^{Widths.Length} = {1 << Widths.Length}");
        if (GridFactor < 1 || GridFactor % DecoderStride != 0)
            throw new ArgumentException($"unet: grid factor {GridFactor} must be a positive multiple of the decoder stride {DecoderStride}");
    }
}
