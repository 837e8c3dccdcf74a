using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Models;

/// <summary>ResNet's basic block: relu(conv-BN-ReLU → conv-BN + shortcut), the shortcut a 1×1 conv-BN when the shape
/// changes. Children conv1, conv2 and (when needed) down.</summary>
public sealed class ResidualBlock : NamedModule
{
    private readonly ConvBn _conv1, _conv2;
    private readonly ConvBn? _down;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/> with the first conv's stride and both convs' dilation.</summary>
    public ResidualBlock(int inChannels, int outChannels, int stride = 1, int dilation = 1) : base("ResidualBlock")
    {
        register_module("conv1", _conv1 = new ConvBn(inChannels, outChannels, 3, stride, dilation));
        register_module("conv2", _conv2 = new ConvBn(outChannels, outChannels, 3, 1, dilation, relu: false));
        if (stride != 1 || inChannels != outChannels)
            register_module("down", _down = new ConvBn(inChannels, outChannels, 1, stride, relu: false));
    }

    /// <summary>[N,Cin,H,W] -> [N,Cout,H/stride,W/stride].</summary>
    public override Tensor forward(Tensor input) =>
        F.relu(_conv2.call(_conv1.call(input)).add_(_down?.call(input) ?? input), inplace: true);
}
