using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>Two 3x3 conv (no bias) → BatchNorm → ReLU layers: the U-Net block. Children conv1, bn1, conv2, bn2.</summary>
/// <remarks>In training, BN and ReLU run fused (<see cref="F.BatchNorm2dRelu"/>); in eval with grad mode off, each
/// layer is one fused conv with BN folded into a per-channel scale and shift (F.Conv2dBnRelu). Given several inputs,
/// the block convolves their channel concatenation without building it (a U-Net decoder's [up, skip]).</remarks>
public sealed class ConvBnReluBlock : Module
{
    private readonly Conv2d _conv1, _conv2;
    private readonly BatchNorm2d _bn1, _bn2;

    /// <summary>A block from <paramref name="inChannels"/> to <paramref name="outChannels"/>, weights drawn from <paramref name="rng"/>.</summary>
    public ConvBnReluBlock(int inChannels, int outChannels, Rng rng)
    {
        _conv1 = RegisterModule("conv1", new Conv2d(inChannels, outChannels, 3, rng, padding: 1, bias: false));
        _bn1 = RegisterModule("bn1", new BatchNorm2d(outChannels));
        _conv2 = RegisterModule("conv2", new Conv2d(outChannels, outChannels, 3, rng, padding: 1, bias: false));
        _bn2 = RegisterModule("bn2", new BatchNorm2d(outChannels));
    }

    /// <summary>[N,Cin,H,W] -> [N,Cout,H,W].</summary>
    public override Tensor Forward(Tensor input) => Forward([input]);

    /// <summary>cat(inputs, dim 1) [N,Cin,H,W] -> [N,Cout,H,W], the concatenation never materialised.</summary>
    public Tensor Forward(Tensor[] inputs) => Layer([Layer(inputs, _conv1, _bn1)], _conv2, _bn2);

    private Tensor Layer(Tensor[] x, Conv2d conv, BatchNorm2d bn)
    {
        if (!Training && !GradMode.IsEnabled)
        {
            var (scale, shift) = bn.Folded();
            var fused = F.Conv2dBnRelu(x, conv.Weight, scale, shift, padding: 1);
            conv.RecordOutput(fused);
            return fused;
        }
        var y = F.Conv2d(x, conv.Weight, padding: 1);
        conv.RecordOutput(y);
        return F.BatchNorm2dRelu(y, bn.Weight, bn.Bias, bn.RunningMean, bn.RunningVar, Training, bn.Momentum, bn.Eps);
    }
}
