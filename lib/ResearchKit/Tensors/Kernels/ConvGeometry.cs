namespace ResearchKit.Tensors.Kernels;

/// <summary>Sizes of one 2-D convolution x [N,C,H,W] * w [K,C/G,KH,KW] -> y [N,K,OH,OW] (stride, padding, dilation per axis).</summary>
/// <remarks>A transposed convolution uses the same geometry with the roles swapped: its output is the "x" side.</remarks>
public readonly record struct ConvGeometry(int N, int C, int H, int W, int K, int OH, int OW, int KH, int KW,
    int SH, int SW, int PH, int PW, int DH, int DW, int Groups)
{
    /// <summary>Input channels per group.</summary>
    public int Cg => C / Groups;

    /// <summary>Output channels per group.</summary>
    public int Kg => K / Groups;

    /// <summary>Rows of the im2col matrix of one group: Cg·KH·KW.</summary>
    public int ColRows => Cg * KH * KW;

    /// <summary>Output pixels per channel.</summary>
    public int OHW => OH * OW;

    /// <summary>Input pixels per channel.</summary>
    public int HW => H * W;

    /// <summary>True for 1×1, stride 1, no padding: the input already is the im2col matrix.</summary>
    public bool IsPointwise => KH == 1 && KW == 1 && SH == 1 && SW == 1 && PH == 0 && PW == 0;

    /// <summary>True for one filter per channel (groups = C = K), which runs the direct depthwise kernels.</summary>
    public bool IsDepthwise => Groups == C && Groups == K && Groups > 1;

    /// <summary>Multiply-adds of the forward pass (one FMA = 2 FLOP).</summary>
    public long MacCount => (long)N * K * OHW * ColRows;

    /// <summary>Output size of a convolution along one axis (PyTorch's formula), or ≤ 0 when the kernel does not fit.</summary>
    public static int OutputSize(int input, int kernel, int stride, int padding, int dilation)
    {
        var span = input + 2 * padding - dilation * (kernel - 1) - 1;
        return span < 0 ? 0 : span / stride + 1;
    }
}
