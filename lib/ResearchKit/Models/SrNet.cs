using ResearchKit.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>The self-regulation spec's backbone (§2, ResearchKit's): four blocks of two conv3×3-BN-ReLU layers at strides
/// 2, 4, 8, 8 (block 4 dilated by 2), an <see cref="ExitHead"/> on block 4, logits up-sampled bilinearly
/// (align_corners=false) to the input. No ASPP. Children block1..block4 (each "0", "1"), head.</summary>
public sealed class SrNet : NamedModule, ISegmentationModel
{
    private readonly Sequential[] _blocks;
    private readonly ExitHead _head;

    /// <summary>An SrNet of shape <paramref name="cfg"/> initialised from torch's global generator.</summary>
    public SrNet(SrNetConfig cfg) : base("SrNet")
    {
        cfg.Validate();
        Config = cfg;
        _blocks = new Sequential[4];
        for (var b = 0; b < 4; b++)
        {
            int cin = b == 0 ? cfg.InChannels : cfg.Widths[b - 1], w = cfg.Widths[b], d = SrNetConfig.BlockDilations[b];
            register_module($"block{b + 1}", _blocks[b] = nn.Sequential(
                new ConvBn(cin, w, 3, stride: SrNetConfig.BlockStrides[b], dilation: d),
                new ConvBn(w, w, 3, dilation: d)));
        }
        register_module("head", _head = new ExitHead(cfg.Widths[3], cfg.HeadWidth, cfg.NumClasses));
    }

    /// <summary>The model's shape.</summary>
    public SrNetConfig Config { get; }

    /// <inheritdoc />
    public int NumClasses => Config.NumClasses;

    /// <inheritdoc />
    public int SizeMultiple => Config.SizeMultiple;

    /// <summary>The named features of the last forward: block1..block4 (at strides 2, 4, 8, 8) and logits (stride 8).</summary>
    public IReadOnlyDictionary<string, Tensor> Features { get; private set; } = new Dictionary<string, Tensor>();

    /// <summary>images [N,Cin,H,W] (H, W multiples of 8) -> logits [N,numClasses,H,W].</summary>
    public override Tensor forward(Tensor input)
    {
        Ops.Require(input.dim() == 4 && input.shape[2] % 8 == 0 && input.shape[3] % 8 == 0,
            "srnet", $"input must be [N,{Config.InChannels},H,W] with H and W multiples of 8", input);
        var features = new Dictionary<string, Tensor>();
        var x = Layout.ChannelsLast(input);
        for (var b = 0; b < 4; b++) x = features[$"block{b + 1}"] = _blocks[b].call(x);
        var logits = features["logits"] = _head.call(x); // [N,C,H/8,W/8]
        Features = features;
        return Ops.UpsampleBilinear(logits, input.shape[2], input.shape[3]);
    }
}
