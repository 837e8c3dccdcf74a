using System.Buffers;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Tensors.Kernels;

/// <summary>Direct AVX2/FMA convolution for stride-1 ungrouped layers (any kernel size, padding and dilation): no
/// im2col matrix and no BLAS packing of one.</summary>
/// <remarks>Each task (sample, band of output rows) copies its input rows once into a zero-padded scratch and computes
/// register tiles of 4 output channels × 24 output positions, summing over (c, i, j) in a fixed order, so every output
/// value is computed by one task in one order: results do not depend on the thread count. The input gradient is the
/// same convolution of dy with the flipped, transposed kernel and padding D·(K−1)−P. The weight gradient (3-wide
/// kernels, few channels) is in DirectConv.Weight.cs.</remarks>
internal static partial class DirectConv
{
    private const int ChannelBlock = 4;

    public static bool Supported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>True when the forward should use the direct kernel.</summary>
    public static bool UseForward(in ConvGeometry g) => Supported && Eligible(g);

    /// <summary>True when the input gradient should use the direct kernel.</summary>
    public static bool UseBackwardInput(in ConvGeometry g) =>
        Supported && Eligible(g) && g.PH <= g.DH * (g.KH - 1) && g.PW <= g.DW * (g.KW - 1);

    private static bool Eligible(in ConvGeometry g) => g.Groups == 1 && g.SH == 1 && g.SW == 1 && !g.IsPointwise;

    public static void Forward(ChannelParts x, float[] w, float[] y, in ConvGeometry g, ConvEpilogue epilogue)
    {
        var packed = Pack(w, g, transpose: false);
        Run(x, g.N, g.C, g.H, g.W, packed, g.K, g.OH, g.OW, g.KH, g.KW, g.PH, g.PW, g.DH, g.DW, new ChannelParts(y, g.K), epilogue);
        ArrayPool<float>.Shared.Return(packed);
    }

    public static void BackwardInput(float[] dy, float[] w, ChannelParts dx, in ConvGeometry g)
    {
        // dx = conv(dy, w') with w'[c,k,i,j] = w[k,c,KH-1-i,KW-1-j], padding D·(K-1) - P, the same dilation.
        var packed = Pack(w, g, transpose: true);
        Run(new ChannelParts(dy, g.K), g.N, g.K, g.OH, g.OW, packed, g.C, g.H, g.W, g.KH, g.KW, g.DH * (g.KH - 1) - g.PH, g.DW * (g.KW - 1) - g.PW,
            g.DH, g.DW, dx, ConvEpilogue.None);
        ArrayPool<float>.Shared.Return(packed);
    }

    // packed [outC/4][inC][taps][4] (rented; padded channels are zero) of w [K,C,KH,KW], or of its flipped transpose
    // w'[c,k,i,j] = w[k,c,KH-1-i,KW-1-j] (out = C, in = K) for the input gradient.
    private static float[] Pack(float[] w, ConvGeometry g, bool transpose)
    {
        int taps = g.KH * g.KW, outC = transpose ? g.C : g.K, inC = transpose ? g.K : g.C;
        var blocks = (outC + ChannelBlock - 1) / ChannelBlock;
        var packed = ArrayPool<float>.Shared.Rent(blocks * inC * taps * ChannelBlock);
        Threading.For(blocks, b =>
        {
            var dst = packed.AsSpan(b * inC * taps * ChannelBlock, inC * taps * ChannelBlock);
            for (var l = 0; l < ChannelBlock; l++)
            {
                var o = b * ChannelBlock + l;
                for (var c = 0; c < inC; c++)
                {
                    // Source row of (out o, in c): w[o,c,:] forward, w[c,o,:] reversed for the transpose.
                    var src = o < outC ? w.AsSpan(((transpose ? c : o) * g.C + (transpose ? o : c)) * taps, taps) : default;
                    for (var t = 0; t < taps; t++)
                        dst[(c * taps + t) * ChannelBlock + l] = o >= outC ? 0f : transpose ? src[taps - 1 - t] : src[t];
                }
            }
        });
        return packed;
    }
}
