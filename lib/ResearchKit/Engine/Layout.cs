using static TorchSharp.torch;

namespace ResearchKit.Engine;

/// <summary>Memory layouts for convolution inputs.</summary>
/// <remarks>oneDNN's NCHW path for thin layers is slow here: a 3×3 conv 16→16 on [8,16,96,128] took 31-32 ms in NCHW
/// and 1.4-1.6 ms with channels-last strides (shared/notes/torchsharp-speed.md, libtorch 2.10 and PyTorch 1.13 alike).
/// Convolutions keep the layout of their input, so the networks convert their input once.</remarks>
public static class Layout
{
    /// <summary>x [N,C,H,W] with channels-last strides (N·H·W·C, 1, W·C, C); the same values and shape. TorchSharp 0.107
    /// has no contiguous(memory_format) overload, so this permutes, packs and permutes back.</summary>
    public static Tensor ChannelsLast(Tensor x) =>
        x.dim() == 4 && !IsChannelsLast(x) ? x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2) : x;

    /// <summary>Whether x [N,C,H,W] is packed channels-last.</summary>
    public static bool IsChannelsLast(Tensor x)
    {
        if (x.dim() != 4) return false;
        var s = x.stride();
        long c = x.shape[1], w = x.shape[3];
        return s[1] == 1 && s[3] == c && s[2] == w * c;
    }
}
