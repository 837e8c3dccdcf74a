using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>Atrous spatial pyramid pooling (DeepLabV3): a 1×1 branch, one dilated 3×3 branch per rate and an
/// image-pooling branch (global average → 1×1 conv-BN-ReLU → broadcast back), concatenated and projected by a 1×1
/// conv-BN-ReLU. Children b0, b1.., pool, project.</summary>
/// <remarks>The pooled branch's BN normalises over the batch alone (one value per image), so training needs batches
/// of at least 2, as in mmsegmentation.</remarks>
public sealed class Aspp : Module
{
    private readonly ConvBn[] _branches;
    private readonly ConvBn _pool, _project;

    /// <summary>ASPP from <paramref name="inChannels"/> to <paramref name="channels"/> with the given dilation rates.</summary>
    public Aspp(int inChannels, int channels, int[] rates, Rng rng)
    {
        _branches = new ConvBn[rates.Length + 1];
        _branches[0] = RegisterModule("b0", new ConvBn(inChannels, channels, 1, rng));
        for (var i = 0; i < rates.Length; i++)
            _branches[i + 1] = RegisterModule($"b{i + 1}", new ConvBn(inChannels, channels, 3, rng, dilation: rates[i]));
        _pool = RegisterModule("pool", new ConvBn(inChannels, channels, 1, rng));
        _project = RegisterModule("project", new ConvBn((rates.Length + 2) * channels, channels, 1, rng));
    }

    /// <summary>[N,Cin,h,w] -> [N,channels,h,w].</summary>
    public override Tensor Forward(Tensor input)
    {
        int h = input.Size(2), w = input.Size(3);
        var parts = _branches.Select(b => b.Forward(input)).ToList();
        var pooled = _pool.Forward(F.AdaptiveAvgPool2d(input, 1)); // [N,C,1,1]
        parts.Add(F.UpsampleBilinear(pooled, h, w, alignCorners: false)); // a 1x1 map up-sampled is constant
        return _project.Forward(F.Concat([.. parts], 1));
    }
}
