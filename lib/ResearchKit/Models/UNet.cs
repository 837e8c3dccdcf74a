using ResearchKit.Engine;
using ResearchKit.Spectral;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Models;

/// <summary>U-Net: per level a <see cref="ConvBnReluBlock"/> then 2x2 max-pool; a bottleneck block; per level bilinear x2
/// up-sampling (align_corners=false), concat [up, skip], a block; a 1x1 head with bias.</summary>
/// <remarks>Children, in PyTorch's order: enc1..encL, bottleneck, decL..dec1, head — the same names and parameter order
/// as bench/torch/unet_ref.py, so state-dict keys and FLOP counts line up layer for layer (TorchSharp lists all
/// parameters before all buffers, where PyTorch goes module by module; checkpoints match entries by name).</remarks>
public sealed class UNet : NamedModule, ISegmentationModel
{
    private readonly ConvBnReluBlock[] _encoders, _decoders;
    private readonly ConvBnReluBlock _bottleneck;
    private readonly Conv2d _head;

    /// <summary>A U-Net of shape <paramref name="cfg"/> with PyTorch's default initialisation from torch's global generator
    /// (seed it with <c>torch.manual_seed</c> first).</summary>
    public UNet(UNetConfig cfg) : base("UNet")
    {
        cfg.Validate();
        Config = cfg;
        var levels = cfg.Widths.Length;
        _encoders = new ConvBnReluBlock[levels];
        for (var i = 0; i < levels; i++)
            register_module($"enc{i + 1}", _encoders[i] = new ConvBnReluBlock(i == 0 ? cfg.InChannels : cfg.Widths[i - 1], cfg.Widths[i]));
        register_module("bottleneck", _bottleneck = new ConvBnReluBlock(cfg.Widths[^1], cfg.Bottleneck));
        _decoders = new ConvBnReluBlock[levels];
        for (var i = levels - 1; i >= 0; i--)
        {
            var below = i == levels - 1 ? cfg.Bottleneck : cfg.Widths[i + 1];
            register_module($"dec{i + 1}", _decoders[i] = new ConvBnReluBlock(below + cfg.Widths[i], cfg.Widths[i]));
        }
        register_module("head", _head = nn.Conv2d(cfg.Widths[0], cfg.NumClasses, 1));
    }

    /// <summary>The model's shape.</summary>
    public UNetConfig Config { get; }

    /// <inheritdoc />
    public int NumClasses => Config.NumClasses;

    /// <inheritdoc />
    public int SizeMultiple => Config.SizeMultiple;

    /// <summary>The named features of the last forward: enc1..encL (before pooling), bottleneck, decL..dec1 and logits,
    /// all at their level's resolution (enc_i and dec_i at 1/2^(i-1), the bottleneck at 1/2^L).</summary>
    public IReadOnlyDictionary<string, Tensor> Features { get; private set; } = new Dictionary<string, Tensor>();

    /// <summary>images [N,Cin,H,W] (H, W multiples of 2^levels) -> logits [N,numClasses,H,W].</summary>
    /// <remarks>With a prediction grid (s &gt; 1) the grid's cells start at the top-left pixel, as the label oracle's
    /// blocks do; where s does not divide the input, the last row and column of cells are cut by the edge and average
    /// the pixels they hold (<see cref="Truncation.GridMean"/>).</remarks>
    public override Tensor forward(Tensor input)
    {
        var m = Config.SizeMultiple;
        Ops.Require(input.dim() == 4 && input.shape[2] % m == 0 && input.shape[3] % m == 0,
            "unet", $"input must be [N,{Config.InChannels},H,W] with H and W multiples of {m}", input);
        var features = new Dictionary<string, Tensor>();
        var skips = new Tensor[_encoders.Length];
        var x = Layout.ChannelsLast(input);
        for (var i = 0; i < _encoders.Length; i++)
        {
            skips[i] = features[$"enc{i + 1}"] = _encoders[i].call(x);
            x = F.max_pool2d(skips[i], 2, 2);
        }
        x = features["bottleneck"] = _bottleneck.call(x);
        var stride = 1 << _encoders.Length;
        for (var i = _decoders.Length - 1; i >= 0; i--)
        {
            // Level i runs at stride max(2^i, t): a finer skip is truncated to it, and no up-sampling leads into it
            // when the level below already runs there.
            var target = Math.Max(1 << i, Config.DecoderStride);
            var skip = target > 1 << i ? Truncation.Apply(Config.SkipOperator, skips[i], target >> i) : skips[i];
            var up = stride > target ? Ops.UpsampleBilinear(x, skip.shape[2], skip.shape[3]) : x;
            x = features[$"dec{i + 1}"] = _decoders[i].call(Ops.CatChannels(up, skip)); // [N,C_below+C_i,h,w] -> [N,C_i,h,w]
            stride = target;
        }
        if (Config.GridFactor > stride) x = Truncation.GridMean(x, Config.GridFactor / stride); // the prediction grid
        var logits = features["logits"] = _head.call(x);
        Features = features;
        if (logits.shape[2] == input.shape[2] && logits.shape[3] == input.shape[3]) return logits;
        // Each grid cell stands for s×s input pixels; cells cut by the edge are up-sampled whole, then cropped.
        long s = Config.GridFactor;
        var whole = Ops.UpsampleBilinear(logits, logits.shape[2] * s, logits.shape[3] * s); // [N,C,⌈H/s⌉,⌈W/s⌉] -> ⌈⌉·s
        return Ops.CropTopLeft(whole, input.shape[2], input.shape[3]);
    }

    /// <summary>Multiply-accumulates of one forward pass of the plain U-Net (t = s = 1) over an H×W input (bench/README.md's
    /// count); <see cref="LayerCost.PerLayer"/> measures any configuration layer by layer.</summary>
    public long ForwardMacs(int batch, int height, int width)
    {
        if (Config.DecoderStride != 1 || Config.GridFactor != 1)
            throw new InvalidOperationException("unet: ForwardMacs counts the plain U-Net; use LayerCost.PerLayer for a truncated decoder or a coarse grid");
        long total = 0;
        for (var i = 0; i < Config.Widths.Length; i++)
        {
            long pixels = (long)batch * (height >> i) * (width >> i);
            int cin = i == 0 ? Config.InChannels : Config.Widths[i - 1], w = Config.Widths[i];
            int below = i == Config.Widths.Length - 1 ? Config.Bottleneck : Config.Widths[i + 1];
            total += pixels * 9 * ((long)cin * w + (long)w * w);                 // encoder block
            total += pixels * 9 * ((long)(below + w) * w + (long)w * w);         // decoder block
        }
        long bottom = (long)batch * (height >> Config.Widths.Length) * (width >> Config.Widths.Length);
        total += bottom * 9 * ((long)Config.Widths[^1] * Config.Bottleneck + (long)Config.Bottleneck * Config.Bottleneck);
        return total + (long)batch * height * width * Config.Widths[0] * Config.NumClasses;
    }
}
