using ResearchKit.Spectral;

namespace ResearchKit.Models;

/// <summary>Shape of a <see cref="UNet"/>: input channels, classes, encoder widths (one per level), bottleneck width, and
/// where its decoder and classifier run (spectral spec 2.7 and NB03/NB04).</summary>
/// <param name="DecoderStride">t: decoder stages finer than stride t run at stride t (the up-sampling into them is
/// skipped) and finer encoder skips are brought to stride t by <paramref name="SkipOperator"/>. 1 = the plain U-Net.
/// A power of two no larger than 2^levels.</param>
/// <param name="SkipOperator">How skip features are brought to stride t.</param>
/// <param name="GridFactor">s: the classifier runs on a grid of stride s, the decoder output area-down-sampled by s/t
/// (s must be a multiple of t); the logits are up-sampled bilinearly to the input size. 1 = full resolution.</param>
/// <remarks>The layers and their parameters are the same for every t and s, so one checkpoint loads into any of them.</remarks>
public sealed record UNetConfig(int InChannels, int NumClasses, int[] Widths, int Bottleneck, int DecoderStride = 1,
    TruncationOperator SkipOperator = TruncationOperator.AreaDownsample, int GridFactor = 1)
{
    /// <summary>The engine benchmark's reference U-Net (bench/torch/unet_ref.py): widths 16-32-64-128, bottleneck 256, 12 classes.</summary>
    public static UNetConfig Reference { get; } = new(3, 12, [16, 32, 64, 128], 256);

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
