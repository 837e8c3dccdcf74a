namespace ResearchKit.Tensors.Kernels;

public static partial class ConvKernels
{
    /// <summary>True when a convolution of geometry <paramref name="g"/> reads its input (and writes its input gradient)
    /// as channel parts without building their concatenation: the direct kernels take both.</summary>
    public static bool TakesParts(in ConvGeometry g) => DirectConv.UseForward(g) && DirectConv.UseBackwardInput(g);

    /// <summary><see cref="Forward(float[], float[], float[], ConvGeometry, ConvEpilogue)"/> of a channel concatenation
    /// held in parts (requires <see cref="TakesParts"/>).</summary>
    internal static void Forward(ChannelParts x, float[] w, float[] y, ConvGeometry g, ConvEpilogue epilogue) =>
        DirectConv.Forward(x, w, y, g, epilogue);

    /// <summary>The input gradient written straight into channel parts (requires <see cref="TakesParts"/>).</summary>
    internal static void BackwardInput(float[] dy, float[] w, ChannelParts dx, ConvGeometry g) =>
        DirectConv.BackwardInput(dy, w, dx, g);

    /// <summary>The weight gradient of a convolution whose input is held in parts; the GEMM path builds the concatenation.</summary>
    internal static void BackwardWeight(ChannelParts x, float[] dy, float[] dw, ConvGeometry g)
    {
        if (DirectConv.UseBackwardWeight(g)) DirectConv.BackwardWeight(x, dy, dw, g);
        else BackwardWeight(x.Concat(g.N, g.HW), dy, dw, g);
    }
}
