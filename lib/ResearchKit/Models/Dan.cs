using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>Deep Aggregation Net as ResearchKit reads it [R] (Kuo et al., CVPR Workshops 2018; the paper's soft labels and
/// graph refinement are out of scope): a <see cref="ResNetBackbone"/> at output stride 16; each stage's output projected
/// by a 1×1 conv-BN-ReLU, up-sampled (bilinear) to stride 4 and concatenated; a 3×3 conv-BN-ReLU fusion; a 1×1
/// classifier; bilinear up-sampling to the input size. Children backbone, project1..project4, fuse, head.</summary>
public sealed class Dan : Module, ISegmentationModel
{
    private readonly ResNetBackbone _backbone;
    private readonly ConvBn[] _projections;
    private readonly ConvBn _fuse;
    private readonly Conv2d _head;

    /// <summary>A network of shape <paramref name="cfg"/> with PyTorch's default initialisation from <paramref name="rng"/>.</summary>
    public Dan(DanConfig cfg, Rng rng)
    {
        Config = cfg;
        _backbone = RegisterModule("backbone", new ResNetBackbone(cfg.InChannels, cfg.Widths, 16, rng));
        _projections = Enumerable.Range(1, 4)
            .Select(s => RegisterModule($"project{s}", new ConvBn(cfg.Widths[s], cfg.ProjectChannels, 1, rng))).ToArray();
        _fuse = RegisterModule("fuse", new ConvBn(4 * cfg.ProjectChannels, cfg.FuseChannels, 3, rng));
        _head = RegisterModule("head", new Conv2d(cfg.FuseChannels, cfg.NumClasses, 1, rng));
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
    public override Tensor Forward(Tensor input)
    {
        ShapeChecks.Require(input.Rank == 4 && input.Size(2) % SizeMultiple == 0 && input.Size(3) % SizeMultiple == 0,
            "dan", $"input must be [N,{Config.InChannels},H,W] with H and W multiples of {SizeMultiple}", input);
        Features = new Dictionary<string, Tensor>(); // the last forward's features are not kept alive through this one
        var features = new Dictionary<string, Tensor>();
        var stages = _backbone.Stages(input);
        int h = input.Size(2) / 4, w = input.Size(3) / 4;
        var parts = new Tensor[4];
        for (var s = 0; s < 4; s++)
        {
            features[$"stage{s + 1}"] = stages[s + 1];
            var p = _projections[s].Forward(stages[s + 1]);
            parts[s] = s == 0 ? p : F.UpsampleBilinear(p, h, w, alignCorners: false); // stage 1 is already at stride 4
        }
        var aggregated = features["aggregated"] = F.Concat(parts, 1); // [N,4·proj,H/4,W/4]
        var fused = features["fused"] = _fuse.Forward(aggregated);
        var logits = features["logits"] = _head.Forward(fused);
        Features = features;
        return F.UpsampleBilinear(logits, input.Size(2), input.Size(3), alignCorners: false);
    }
}
