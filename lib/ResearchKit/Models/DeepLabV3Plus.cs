using ResearchKit.Engine;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>DeepLabV3+ (Chen et al., ECCV 2018) in the small from-scratch form of the spectral spec [R]: a ResNet-style
/// backbone, ASPP on its last stage, a decoder that fuses projected low-level features with the up-sampled ASPP output
/// at <see cref="DeepLabV3PlusConfig.DecoderStride"/>, a 1×1 classifier and bilinear up-sampling to the input size.
/// Children backbone (<see cref="ResNetBackbone"/>), aspp, low, fuse1, fuse2, head.</summary>
public sealed class DeepLabV3Plus : NamedModule, ISegmentationModel
{
    private readonly ResNetBackbone _backbone;
    private readonly ConvBn _fuse1, _fuse2;
    private readonly ConvBn? _low;
    private readonly Aspp _aspp;
    private readonly Conv2d _head;

    /// <summary>A network of shape <paramref name="cfg"/> with PyTorch's default initialisation from torch's global generator.</summary>
    public DeepLabV3Plus(DeepLabV3PlusConfig cfg) : base("DeepLabV3Plus")
    {
        if (cfg.DecoderStride is not (4 or 8) && cfg.DecoderStride != cfg.OutputStride)
            throw new ArgumentException($"deeplabv3plus: decoder stride must be 4, 8 or the output stride, got {cfg.DecoderStride}");
        if (cfg.DecoderTruncation < 1 || cfg.DecoderStride * cfg.DecoderTruncation > cfg.OutputStride || (cfg.DecoderTruncation & (cfg.DecoderTruncation - 1)) != 0)
            throw new ArgumentException($"deeplabv3plus: decoder truncation {cfg.DecoderTruncation} must be a power of 2 with {cfg.DecoderStride}·t ≤ the output stride {cfg.OutputStride}");
        Config = cfg;
        var w = cfg.Widths;
        register_module("backbone", _backbone = new ResNetBackbone(cfg.InChannels, w, cfg.OutputStride));
        register_module("aspp", _aspp = new Aspp(w[4], cfg.AsppChannels, cfg.AsppRates));
        var fuses = cfg.DecoderStride != cfg.OutputStride;
        if (fuses) register_module("low", _low = new ConvBn(w[cfg.DecoderStride == 4 ? 1 : 2], cfg.LowLevelChannels, 1));
        register_module("fuse1", _fuse1 = new ConvBn(cfg.AsppChannels + (fuses ? cfg.LowLevelChannels : 0), cfg.DecoderChannels, 3));
        register_module("fuse2", _fuse2 = new ConvBn(cfg.DecoderChannels, cfg.DecoderChannels, 3));
        register_module("head", _head = nn.Conv2d(cfg.DecoderChannels, cfg.NumClasses, 1));
    }

    /// <summary>The network's shape.</summary>
    public DeepLabV3PlusConfig Config { get; }

    /// <inheritdoc />
    public int NumClasses => Config.NumClasses;

    /// <inheritdoc />
    public int SizeMultiple => Config.SizeMultiple;

    /// <summary>The named intermediate features of the last forward: stem, stage1..stage4, aspp, decoder (before the
    /// head) and logits at the decoder stride; later experiments attach losses and truncation to them.</summary>
    public IReadOnlyDictionary<string, Tensor> Features { get; private set; } = new Dictionary<string, Tensor>();

    /// <summary>images [N,Cin,H,W] (H, W multiples of the output stride) -> logits [N,numClasses,H,W].</summary>
    public override Tensor forward(Tensor input)
    {
        Ops.Require(input.dim() == 4 && input.shape[2] % SizeMultiple == 0 && input.shape[3] % SizeMultiple == 0,
            "deeplabv3plus", $"input must be [N,{Config.InChannels},H,W] with H and W multiples of {SizeMultiple}", input);
        var features = new Dictionary<string, Tensor>();
        var stages = _backbone.Stages(Layout.ChannelsLast(input)); // stem /2, stage1 /4, stage2 /8, stage3-4 /OS
        features["stem"] = stages[0];
        for (var s = 1; s <= 4; s++) features[$"stage{s}"] = stages[s];
        var y = features["aspp"] = _aspp.call(stages[4]); // [N,aspp,H/OS,W/OS]
        long t = Config.DecoderTruncation, ds = Config.DecoderStride * t, h = input.shape[2] / ds, w = input.shape[3] / ds;
        if (_low is not null)
        {
            var stage = features[Config.DecoderStride == 4 ? "stage1" : "stage2"];
            if (t > 1) stage = Spectral.Truncation.Apply(Config.Truncation, stage, (int)t); // [N,C,H/4,W/4] -> [N,C,H/4t,W/4t]
            var low = _low.call(stage);
            y = Ops.CatChannels(Ops.UpsampleBilinear(y, h, w), low);
        }
        y = features["decoder"] = _fuse2.call(_fuse1.call(y));
        var logits = features["logits"] = _head.call(y); // [N,C,H/ds,W/ds]
        Features = features;
        return Ops.UpsampleBilinear(logits, input.shape[2], input.shape[3]);
    }
}
