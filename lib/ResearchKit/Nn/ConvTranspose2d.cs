using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>Transposed 2-D convolution layer (torch.nn.ConvTranspose2d): weight [in, out/groups, k, k], optional bias [out].</summary>
/// <remarks>Initialised as PyTorch 1.13 does (the same reset_parameters as Conv2d), so fan_in is the weight's
/// size(1)·k² = out/groups·k²: weight U(−1/√fan_in, 1/√fan_in) via kaiming_uniform_(a = √5), then bias with the same bound.</remarks>
public sealed class ConvTranspose2d : Module
{
    /// <summary>A transposed convolution from <paramref name="inChannels"/> to <paramref name="outChannels"/>;
    /// output size (H−1)·stride − 2·padding + dilation·(k−1) + outputPadding + 1.</summary>
    public ConvTranspose2d(int inChannels, int outChannels, int kernelSize, Rng rng, int stride = 1, int padding = 0,
        int outputPadding = 0, int groups = 1, bool bias = true, int dilation = 1)
    {
        ConvLayerSetup.Validate("conv_transpose2d", inChannels, outChannels, kernelSize, stride, padding, dilation, groups, outputPadding);
        (InChannels, OutChannels, KernelSize, Stride, Padding, OutputPadding, Dilation, Groups) =
            (inChannels, outChannels, kernelSize, stride, padding, outputPadding, dilation, groups);
        Weight = RegisterParameter("weight", Tensor.Zeros(inChannels, outChannels / groups, kernelSize, kernelSize));
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

    /// <summary>Padding removed from each side of the output.</summary>
    public int Padding { get; }

    /// <summary>Extra rows/columns added at the bottom/right of the output.</summary>
    public int OutputPadding { get; }

    /// <summary>Kernel dilation.</summary>
    public int Dilation { get; }

    /// <summary>Channel groups.</summary>
    public int Groups { get; }

    /// <summary>[in, out/groups, k, k].</summary>
    public Tensor Weight { get; }

    /// <summary>[out], or null without bias.</summary>
    public Tensor? Bias { get; }

    /// <summary>[N,in,H,W] -> [N,out,OH,OW].</summary>
    public override Tensor Forward(Tensor input) =>
        F.ConvTranspose2d(input, Weight, Bias, Stride, Padding, OutputPadding, Dilation, Groups);
}
