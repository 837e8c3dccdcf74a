using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>The self-regulation spec's backbone (§2, ResearchKit's): four blocks of two conv3×3-BN-ReLU layers at strides
/// 2, 4, 8, 8 (block 4 dilated by 2), an <see cref="ExitHead"/> on block 4, logits up-sampled bilinearly
/// (align_corners=false) to the input. No ASPP.</summary>
public sealed class SrNet : Module, ISegmentationModel
{
    private readonly Sequential[] _blocks;
    private readonly ExitHead _head;

    /// <summary>An SrNet of shape <paramref name="cfg"/> initialised from <paramref name="rng"/>.</summary>
    public SrNet(SrNetConfig cfg, Rng rng)
    {
        cfg.Validate();
        Config = cfg;
        _blocks = new Sequential[4];
        for (var b = 0; b < 4; b++)
        {
            int cin = b == 0 ? cfg.InChannels : cfg.Widths[b - 1], w = cfg.Widths[b], d = SrNetConfig.BlockDilations[b];
            _blocks[b] = RegisterModule($"block{b + 1}", new Sequential(
                new ConvBn(cin, w, 3, rng, stride: SrNetConfig.BlockStrides[b], dilation: d),
                new ConvBn(w, w, 3, rng, dilation: d)));
        }
        _head = RegisterModule("head", new ExitHead(cfg.Widths[3], cfg.HeadWidth, cfg.NumClasses, rng));
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
    public override Tensor Forward(Tensor input)
    {
        ShapeChecks.Require(input.Rank == 4 && input.Size(2) % 8 == 0 && input.Size(3) % 8 == 0,
            "srnet", $"input must be [N,{Config.InChannels},H,W] with H and W multiples of 8", input);
        Features = new Dictionary<string, Tensor>();
        var features = new Dictionary<string, Tensor>();
        var x = input;
        for (var b = 0; b < 4; b++) x = features[$"block{b + 1}"] = _blocks[b].Forward(x);
        var logits = features["logits"] = _head.Forward(x); // [N,C,H/8,W/8]
        Features = features;
        return F.UpsampleBilinear(logits, input.Size(2), input.Size(3), alignCorners: false);
    }
}
