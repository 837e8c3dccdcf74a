namespace ResearchKit.Models;

/// <summary>The shape of a small DeepLabV3+: backbone widths (stem, stage 1..4), output stride 8 or 16, ASPP rates and
/// channels, and the decoder (low-level projection, channels, and the stride at which it fuses and predicts).</summary>
/// <remarks>Strides: stem /2, stage 1 /4, stage 2 /8, stage 3 /16 (or /8 dilated 2 at output stride 8), stage 4 dilated
/// (2 at OS 16, 4 at OS 8). <see cref="DecoderStride"/> 4 fuses stage 1's features (the usual decoder), 8 stage 2's;
/// equal to the output stride it fuses nothing (DeepLabV3's head).</remarks>
/// <remarks><see cref="DecoderTruncation"/> t &gt; 1 truncates the decoder (spectral spec 2.7, NB04): the low-level
/// features are brought from <see cref="DecoderStride"/> to t·<see cref="DecoderStride"/> by <see cref="Truncation"/>
/// (AreaDownsample or SpectralCrop), and the fusion and classifier run there; the layers are the same for every t.</remarks>
public sealed record DeepLabV3PlusConfig(int InChannels, int NumClasses, int[] Widths, int OutputStride, int[] AsppRates,
    int AsppChannels, int LowLevelChannels, int DecoderChannels, int DecoderStride, int DecoderTruncation = 1,
    Spectral.TruncationOperator Truncation = Spectral.TruncationOperator.AreaDownsample)
{
    /// <summary>ResearchKit's small DeepLabV3+ for CamVid [R]: widths 32-32-64-128-256, OS 16, rates 6/12/18, decoder at stride 4.</summary>
    public static DeepLabV3PlusConfig Small(int numClasses) => new(3, numClasses, [32, 32, 64, 128, 256], 16, [6, 12, 18], 128, 48, 128, 4);

    /// <summary>H and W must be multiples of this.</summary>
    public int SizeMultiple => OutputStride;
}
