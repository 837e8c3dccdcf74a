namespace ResearchKit.Models;

/// <summary>The shape of a small DeepLabV3+: backbone widths (stem, stage 1..4), output stride 8 or 16, ASPP rates and
/// channels, and the decoder (low-level projection, channels, and the stride at which it fuses and predicts).</summary>
/// <remarks>Strides: stem /2, stage 1 /4, stage 2 /8, stage 3 /16 (or /8 dilated 2 at output stride 8), stage 4 dilated
/// (2 at OS 16, 4 at OS 8). <see cref="DecoderStride"/> 4 fuses stage 1's features (the usual decoder), 8 stage 2's;
/// equal to the output stride it fuses nothing (DeepLabV3's head).</remarks>
/// <remarks><see cref="DecoderTruncation"/> t &gt; 1 truncates the decoder (spectral spec 2.7, NB04): the low-level
/// features are brought from <see cref="DecoderStride"/> to t·<see cref="DecoderStride"/> by <see cref="Truncation"/>
/// (AreaDownsample or SpectralCrop), and the fusion and classifier run there; the layers are the same for every t.</remarks>
public sealed record DeepLabV3PlusConfig
{
    /// <summary>Image channels.</summary>
    public int InChannels { get; init; } = 3;

    /// <summary>Classes the head predicts.</summary>
    public required int NumClasses { get; init; }

    /// <summary>Widths of the stem and the four stages.</summary>
    public int[] Widths { get; init; } = [32, 32, 64, 128, 256];

    /// <summary>8 or 16.</summary>
    public int OutputStride { get; init; } = 16;

    /// <summary>ASPP dilation rates; <see cref="RatesFor"/> gives DeepLab's for an output stride.</summary>
    public int[] AsppRates { get; init; } = RatesFor(16);

    /// <summary>Width of every ASPP branch and of its projection.</summary>
    public int AsppChannels { get; init; } = 128;

    /// <summary>Width the low-level features are projected to before the fusion (DeepLabV3+'s 48).</summary>
    public int LowLevelChannels { get; init; } = 48;

    /// <summary>Width of the two 3×3 fusion layers.</summary>
    public int DecoderChannels { get; init; } = 128;

    /// <summary>The usual decoder stride: the decoder fuses stage 1's features.</summary>
    public const int DefaultDecoderStride = 4;

    /// <summary>The stride at which the decoder fuses and predicts: 4, 8 or the output stride.</summary>
    public int DecoderStride { get; init; } = DefaultDecoderStride;

    /// <summary>t, the decoder truncation factor (1 = none).</summary>
    public int DecoderTruncation { get; init; } = 1;

    /// <summary>How the low-level features are truncated when t &gt; 1.</summary>
    public Spectral.TruncationOperator Truncation { get; init; } = Spectral.TruncationOperator.AreaDownsample;

    /// <summary>DeepLab's ASPP rates: 6/12/18 at output stride 16, 12/24/36 at 8.</summary>
    public static int[] RatesFor(int outputStride) => outputStride == 16 ? [6, 12, 18] : [12, 24, 36];

    /// <summary>ResearchKit's small DeepLabV3+ for CamVid [R]: widths 32-32-64-128-256, OS 16, rates 6/12/18, decoder at stride 4.</summary>
    public static DeepLabV3PlusConfig Small(int numClasses) => new() { NumClasses = numClasses };

    /// <summary>H and W must be multiples of this.</summary>
    public int SizeMultiple => OutputStride;
}
