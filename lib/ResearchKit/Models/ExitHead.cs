using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>An exit head (self-regulation spec §2, ResearchKit's): conv3×3 (C_b → hidden) + BN + ReLU, then conv1×1
/// (hidden → C) with bias; logits at the block's resolution.</summary>
public sealed class ExitHead : Module
{
    private readonly ConvBn _hidden;
    private readonly Conv2d _classifier;

    /// <summary>A head from <paramref name="inChannels"/> through <paramref name="hidden"/> to <paramref name="numClasses"/>.</summary>
    public ExitHead(int inChannels, int hidden, int numClasses, Rng rng)
    {
        _hidden = RegisterModule("hidden", new ConvBn(inChannels, hidden, 3, rng));
        _classifier = RegisterModule("classifier", new Conv2d(hidden, numClasses, 1, rng));
    }

    /// <summary>[N,C_b,h,w] -> [N,C,h,w].</summary>
    public override Tensor Forward(Tensor input) => _classifier.Forward(_hidden.Forward(input));
}
