using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Models;

/// <summary>Two 3x3 conv (no bias) → BatchNorm → ReLU layers: the U-Net block. Children conv1, bn1, conv2, bn2.</summary>
public sealed class ConvBnReluBlock : NamedModule
{
    private readonly Conv2d _conv1, _conv2;
    private readonly BatchNorm2d _bn1, _bn2;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/>.</summary>
    public ConvBnReluBlock(int inChannels, int outChannels) : base("ConvBnReluBlock")
    {
        register_module("conv1", _conv1 = nn.Conv2d(inChannels, outChannels, 3, padding: 1, bias: false));
        register_module("bn1", _bn1 = nn.BatchNorm2d(outChannels));
        register_module("conv2", _conv2 = nn.Conv2d(outChannels, outChannels, 3, padding: 1, bias: false));
        register_module("bn2", _bn2 = nn.BatchNorm2d(outChannels));
    }

    /// <summary>[N,Cin,H,W] -> [N,Cout,H,W].</summary>
    public override Tensor forward(Tensor input) =>
        F.relu(_bn2.call(_conv2.call(F.relu(_bn1.call(_conv1.call(input)), inplace: true))), inplace: true);
}
