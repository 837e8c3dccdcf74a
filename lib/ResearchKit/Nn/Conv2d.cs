using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>2-D convolution layer (torch.nn.Conv2d): weight [out, in/groups, k, k], optional bias [out].</summary>
/// <remarks>Initialised as PyTorch 1.13's reset_parameters: weight kaiming_uniform_(a = √5), i.e. U(−1/√fan_in,
/// 1/√fan_in) with fan_in = in/groups·k², then bias U(−1/√fan_in, 1/√fan_in); drawn from <c>rng</c> in that order.</remarks>
public sealed class Conv2d : Module
{
    /// <summary>A convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/> with a square kernel.</summary>
    public Conv2d(int inChannels, int outChannels, int kernelSize, Rng rng, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool bias = true)
    {
        ConvLayerSetup.Validate("conv2d", inChannels, outChannels, kernelSize, stride, padding, dilation, groups);
        (InChannels, OutChannels, KernelSize, Stride, Padding, Dilation, Groups) =
            (inChannels, outChannels, kernelSize, stride, padding, dilation, groups);
        Weight = RegisterParameter("weight", Tensor.Zeros(outChannels, inChannels / groups, kernelSize, kernelSize));
        if (bias) Bias = RegisterParameter("bias", Tensor.Zeros(outChannels));
        ConvLayerSetup.ResetParameters(Weight, Bias, rng);
    }

    /// <summary>Input channels.</summary>
    public int InChannels { get; }

    /// <summary>Output channels.</summary>
    public int OutChannels { get; }

    /// <summary>Kernel height and width.</summary>
    public int KernelSize { get; }

    /// <summary>Stride on both axes.</summary>
    public int Stride { get; }

    /// <summary>Zero padding on each side.</summary>
    public int Padding { get; }

    /// <summary>Kernel dilation.</summary>
    public int Dilation { get; }

    /// <summary>Channel groups (in = out = groups: depthwise).</summary>
    public int Groups { get; }

    /// <summary>[out, in/groups, k, k].</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>[N,in,H,W] -> [N,out,OH,OW].</summary>
    public override Tensor Forward(Tensor input)
    {
        var y = F.Conv2d(input, Weight, Bias, Stride, Padding, Dilation, Groups);
        LastOutputShape = y.Shape;
        return y;
    }

    /// <summary>The output shape [N,K,OH,OW] of the last <see cref="Forward"/> (null before the first), for MAC counts.</summary>
    public int[]? LastOutputShape { get; private set; }

    /// <summary>Records the output shape of a forward that used this layer's weights through a fused op rather than
    /// <see cref="Forward"/> (a U-Net block's conv-BN-ReLU), so <see cref="LastMacs"/> still counts it.</summary>
    internal void RecordOutput(Tensor output) => LastOutputShape = output.Shape;

    /// <summary>Multiply-accumulates of the last forward: N·K·OH·OW·(Cin/groups)·k² (0 before the first).</summary>
    public long LastMacs => LastOutputShape is { } s ? (long)s[0] * s[1] * s[2] * s[3] * (InChannels / Groups) * KernelSize * KernelSize : 0;
}
