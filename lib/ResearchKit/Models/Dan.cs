using ResearchKit.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>Deep Aggregation Net as ResearchKit reads it [R] (Kuo et al., CVPR Workshops 2018; the paper's soft labels and
/// graph refinement are out of scope): a <see cref="ResNetBackbone"/> at output stride 16; each stage's output projected
/// by a 1×1 conv-BN-ReLU, up-sampled (bilinear) to stride 4 and concatenated; a 3×3 conv-BN-ReLU fusion; a 1×1
/// classifier; bilinear up-sampling to the input size. Children backbone, project1..project4, fuse, head.</summary>
public sealed class Dan : NamedModule, ISegmentationModel
{
    private readonly ResNetBackbone _backbone;
    private readonly ConvBn[] _projections;
    private readonly ConvBn _fuse;
    private readonly Conv2d _head;

    /// <summary>A network of shape <paramref name="cfg"/> with PyTorch's default initialisation from torch's global generator.</summary>
    public Dan(DanConfig cfg) : base("Dan")
    {
        Config = cfg;
        register_module("backbone", _backbone = new ResNetBackbone(cfg.InChannels, cfg.Widths, 16));
        _projections = new ConvBn[4];
        for (var s = 0; s < 4; s++) register_module($"project{s + 1}", _projections[s] = new ConvBn(cfg.Widths[s + 1], cfg.ProjectChannels, 1));
        register_module("fuse", _fuse = new ConvBn(4 * cfg.ProjectChannels, cfg.FuseChannels, 3));
        register_module("head", _head = nn.Conv2d(cfg.FuseChannels, cfg.NumClasses, 1));
    }

    /// <summary>The network's shape.</summary>
    public DanConfig Config { get; }

    /// <inheritdoc />
    public int NumClasses => Config.NumClasses;

    /// <inheritdoc />
    public int SizeMultiple => Config.SizeMultiple;

    /// <summary>The named features of the last forward: stage1..stage4, aggregated (the concatenation at stride 4),
    /// fused, and logits at stride 4.</summary>
    public IReadOnlyDictionary<string, Tensor> Features { get; private set; } = new Dictionary<string, Tensor>();

    /// <summary>images [N,Cin,H,W] (H, W multiples of 16) -> logits [N,numClasses,H,W].</summary>
    public override Tensor forward(Tensor input)
    {
        Ops.Require(input.dim() == 4 && input.shape[2] % SizeMultiple == 0 && input.shape[3] % SizeMultiple == 0,
            "dan", $"input must be [N,{Config.InChannels},H,W] with H and W multiples of {SizeMultiple}", input);
        var features = new Dictionary<string, Tensor>();
        var stages = _backbone.Stages(Layout.ChannelsLast(input));
        long h = input.shape[2] / 4, w = input.shape[3] / 4;
        var parts = new Tensor[4];
        for (var s = 0; s < 4; s++)
        {
            features[$"stage{s + 1}"] = stages[s + 1];
            parts[s] = Ops.UpsampleBilinear(_projections[s].call(stages[s + 1]), h, w); // stage 1 is already at stride 4
        }
        var aggregated = features["aggregated"] = Ops.CatChannels(parts); // [N,4·proj,H/4,W/4]
        var fused = features["fused"] = _fuse.call(aggregated);
        var logits = features["logits"] = _head.call(fused);
        Features = features;
        return Ops.UpsampleBilinear(logits, input.shape[2], input.shape[3]);
    }
}
