using ResearchKit.Engine;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Models;

/// <summary>Atrous spatial pyramid pooling (DeepLabV3): a 1×1 branch, one dilated 3×3 branch per rate and an
/// image-pooling branch (global average → 1×1 conv-BN-ReLU → broadcast back), concatenated and projected by a 1×1
/// conv-BN-ReLU. Children b0, b1.., pool, project.</summary>
/// <remarks>The pooled branch's BN normalises over the batch alone (one value per image), so training needs batches
/// of at least 2, as in mmsegmentation.</remarks>
public sealed class Aspp : NamedModule
{
    private readonly ConvBn[] _branches;
    private readonly ConvBn _pool, _project;

    /// <summary>ASPP from <paramref name="inChannels"/> to <paramref name="channels"/> with the given dilation rates.</summary>
    public Aspp(int inChannels, int channels, int[] rates) : base("Aspp")
    {
        _branches = new ConvBn[rates.Length + 1];
        _branches[0] = new ConvBn(inChannels, channels, 1);
        for (var i = 0; i < rates.Length; i++) _branches[i + 1] = new ConvBn(inChannels, channels, 3, dilation: rates[i]);
        for (var i = 0; i < _branches.Length; i++) register_module($"b{i}", _branches[i]);
        register_module("pool", _pool = new ConvBn(inChannels, channels, 1));
        register_module("project", _project = new ConvBn((rates.Length + 2) * channels, channels, 1));
    }

    /// <summary>[N,Cin,h,w] -> [N,channels,h,w].</summary>
    public override Tensor forward(Tensor input)
    {
        long h = input.shape[2], w = input.shape[3];
        var parts = _branches.Select(b => b.call(input)).ToList();
        var pooled = _pool.call(F.adaptive_avg_pool2d(input, [1, 1])); // [N,C,1,1]
        parts.Add(pooled.expand(pooled.shape[0], pooled.shape[1], h, w)); // a 1x1 map up-sampled bilinearly is constant
        return _project.call(Ops.CatChannels([.. parts]));
    }
}
