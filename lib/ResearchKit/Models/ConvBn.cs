using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Models;

/// <summary>One conv (no bias) → BatchNorm → optional ReLU layer. Children conv, bn.</summary>
public sealed class ConvBn : nn.Module<Tensor, Tensor>
{
    private readonly Conv2d _conv;
    private readonly BatchNorm2d _bn;
    private readonly bool _relu;

    /// <summary>A k×k layer from <paramref name="inChannels"/> to <paramref name="outChannels"/> with "same" padding for odd k.</summary>
    public ConvBn(int inChannels, int outChannels, int kernelSize, int stride = 1, int dilation = 1, bool relu = true) : base("ConvBn")
    {
        register_module("conv", _conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride,
            padding: dilation * (kernelSize - 1) / 2, dilation: dilation, bias: false));
        register_module("bn", _bn = nn.BatchNorm2d(outChannels));
        _relu = relu;
    }

    /// <summary>Output channels.</summary>
    public long OutChannels => _conv.out_channels;

    /// <summary>[N,Cin,H,W] -> [N,Cout,H/stride,W/stride].</summary>
    public override Tensor forward(Tensor input)
    {
        var y = _bn.forward(_conv.forward(input));
        return _relu ? F.relu(y, inplace: true) : y;
    }
}
