using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>One conv (no bias) → BatchNorm → optional ReLU layer. Children conv, bn.</summary>
/// <remarks>In eval with grad mode off it is one fused conv with BN folded in (<see cref="F.Conv2dBnRelu(Tensor, Tensor, Tensor, Tensor, int, int, int, int, bool)"/>).</remarks>
public sealed class ConvBn : Module
{
    private readonly Conv2d _conv;
    private readonly BatchNorm2d _bn;
    private readonly bool _relu;

    /// <summary>A k×k layer from <paramref name="inChannels"/> to <paramref name="outChannels"/> with "same" padding for odd k.</summary>
    public ConvBn(int inChannels, int outChannels, int kernelSize, Rng rng, int stride = 1, int dilation = 1, bool relu = true)
    {
        _conv = RegisterModule("conv", new Conv2d(inChannels, outChannels, kernelSize, rng, stride, dilation * (kernelSize - 1) / 2, dilation, bias: false));
        _bn = RegisterModule("bn", new BatchNorm2d(outChannels));
        _relu = relu;
    }

    /// <summary>Output channels.</summary>
    public int OutChannels => _conv.OutChannels;

    /// <summary>[N,Cin,H,W] -> [N,Cout,H/stride,W/stride].</summary>
    public override Tensor Forward(Tensor input)
    {
        if (!Training && !GradMode.IsEnabled)
        {
            var (scale, shift) = _bn.Folded();
            return F.Conv2dBnRelu(input, _conv.Weight, scale, shift, _conv.Stride, _conv.Padding, _conv.Dilation, 1, _relu);
        }
        var y = _bn.Forward(_conv.Forward(input));
        return _relu ? F.Relu(y) : y;
    }
}
