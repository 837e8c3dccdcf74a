using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>ResNet's basic block: relu(conv-BN-ReLU → conv-BN + shortcut), the shortcut a 1×1 conv-BN when the shape
/// changes. Children conv1, conv2 and (when needed) down.</summary>
public sealed class ResidualBlock : Module
{
    private readonly ConvBn _conv1, _conv2;
    private readonly ConvBn? _down;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/> with the first conv's stride and both convs' dilation.</summary>
    public ResidualBlock(int inChannels, int outChannels, Rng rng, int stride = 1, int dilation = 1)
    {
        _conv1 = RegisterModule("conv1", new ConvBn(inChannels, outChannels, 3, rng, stride, dilation));
        _conv2 = RegisterModule("conv2", new ConvBn(outChannels, outChannels, 3, rng, 1, dilation, relu: false));
        if (stride != 1 || inChannels != outChannels)
            _down = RegisterModule("down", new ConvBn(inChannels, outChannels, 1, rng, stride, relu: false));
    }

    /// <summary>[N,Cin,H,W] -> [N,Cout,H/stride,W/stride].</summary>
    public override Tensor Forward(Tensor input) =>
        F.Relu(F.Add(_conv2.Forward(_conv1.Forward(input)), _down?.Forward(input) ?? input));
}
