using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Models;

/// <summary>One conv (no bias) → BatchNorm → optional ReLU layer. Children conv, bn.</summary>
/// <remarks>A 1×1 conv with stride s is run as the stride-1 conv of the input sampled every s pixels: the same sums,
/// and the same parameters and state dict, but it avoids a libtorch 2.10 bug where the backward of a strided 1×1 conv
/// on a channels-last input corrupts the heap ("double free or corruption"; PyTorch 1.13 is not affected;
/// <c>ConvBnTests.StridedOneByOne_OnChannelsLastInput_TrainsAndEqualsTheStridedConv</c>).</remarks>
public sealed class ConvBn : NamedModule
{
    private readonly Conv2d _conv;
    private readonly BatchNorm2d _bn;
    private readonly bool _relu;
    private readonly int _subsample;

    /// <summary>A k×k layer from <paramref name="inChannels"/> to <paramref name="outChannels"/> with "same" padding for odd k.</summary>
    public ConvBn(int inChannels, int outChannels, int kernelSize, int stride = 1, int dilation = 1, bool relu = true) : base("ConvBn")
    {
        _subsample = kernelSize == 1 ? stride : 1;
        register_module("conv", _conv = nn.Conv2d(inChannels, outChannels, kernelSize, stride: stride / _subsample,
            padding: dilation * (kernelSize - 1) / 2, dilation: dilation, bias: false));
        register_module("bn", _bn = nn.BatchNorm2d(outChannels));
        _relu = relu;
    }

    /// <summary>Output channels.</summary>
    public long OutChannels => _conv.out_channels;

    /// <summary>[N,Cin,H,W] -> [N,Cout,H/stride,W/stride].</summary>
    public override Tensor forward(Tensor input)
    {
        var x = _subsample == 1 ? input : input[.., .., TensorIndex.Slice(null, null, _subsample), TensorIndex.Slice(null, null, _subsample)];
        var y = _bn.call(_conv.call(x));
        return _relu ? F.relu(y, inplace: true) : y;
    }
}
