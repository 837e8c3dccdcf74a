using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>2-D max pooling (torch.nn.MaxPool2d); stride defaults to the kernel size.</summary>
public sealed class MaxPool2d : Module
{
    /// <summary>Pools <paramref name="kernelSize"/>² windows every <paramref name="stride"/> (default: the kernel size) pixels.</summary>
    public MaxPool2d(int kernelSize, int? stride = null, int padding = 0)
    {
        if (kernelSize <= 0 || stride <= 0 || padding < 0)
            throw new ArgumentException($"max pool layer: kernel {kernelSize} and stride {stride} must be positive, padding {padding} ≥ 0");
        (KernelSize, Stride, Padding) = (kernelSize, stride ?? kernelSize, padding);
    }

    /// <summary>Window height and width.</summary>
    public int KernelSize { get; }

    /// <summary>Step between windows.</summary>
    public int Stride { get; }

    /// <summary>Implicit −∞ padding on each side.</summary>
    public int Padding { get; }

    /// <summary>[N,C,H,W] -> [N,C,OH,OW].</summary>
    public override Tensor Forward(Tensor input) => F.MaxPool2d(input, KernelSize, Stride, Padding);
}
