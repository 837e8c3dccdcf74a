using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>The ResNet-style encoder of the kit's from-scratch networks: a stem of two 3×3 conv-BN-ReLU (the first with
/// stride 2) and four stages of two <see cref="ResidualBlock"/>s. Children stem1, stem2, stage1..stage4 (stageN.0, stageN.1).</summary>
/// <remarks>Strides: stem /2, stage 1 /4, stage 2 /8; at output stride 16 stage 3 is /16 and stage 4 dilated 2; at 8 stage 3
/// is dilated 2 and stage 4 dilated 4, so both keep /8.</remarks>
public sealed class ResNetBackbone : NamedModule
{
    private readonly ConvBn _stem1, _stem2;
    private readonly Sequential[] _stages;

    /// <summary>An encoder with widths (stem, stage 1..4) and output stride 8 or 16.</summary>
    public ResNetBackbone(int inChannels, int[] widths, int outputStride) : base("ResNetBackbone")
    {
        if (widths.Length != 5) throw new ArgumentException($"backbone: widths must be stem and 4 stages, got {widths.Length}");
        if (outputStride is not (8 or 16)) throw new ArgumentException($"backbone: output stride must be 8 or 16, got {outputStride}");
        Widths = widths;
        register_module("stem1", _stem1 = new ConvBn(inChannels, widths[0], 3, stride: 2));
        register_module("stem2", _stem2 = new ConvBn(widths[0], widths[0], 3));
        (int Stride, int Dilation)[] plan = outputStride == 16 ? [(2, 1), (2, 1), (2, 1), (1, 2)] : [(2, 1), (2, 1), (1, 2), (1, 4)];
        _stages = new Sequential[4];
        for (var s = 0; s < 4; s++)
            register_module($"stage{s + 1}", _stages[s] = nn.Sequential(
                new ResidualBlock(widths[s], widths[s + 1], plan[s].Stride, plan[s].Dilation),
                new ResidualBlock(widths[s + 1], widths[s + 1], 1, plan[s].Dilation)));
    }

    /// <summary>Widths of the stem and the four stages.</summary>
    public int[] Widths { get; }

    /// <summary>images [N,Cin,H,W] -> the last stage's features.</summary>
    public override Tensor forward(Tensor input) => Stages(input)[^1];

    /// <summary>The stem's and every stage's output, in order (5 tensors).</summary>
    public Tensor[] Stages(Tensor input)
    {
        var outputs = new Tensor[5];
        var x = outputs[0] = _stem2.call(_stem1.call(input));
        for (var s = 0; s < 4; s++) x = outputs[s + 1] = _stages[s].call(x);
        return outputs;
    }
}
