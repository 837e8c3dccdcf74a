using TorchSharp.Modules;
using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>An exit head (self-regulation spec §2, ResearchKit's): conv3×3 (C_b → hidden) + BN + ReLU, then conv1×1
/// (hidden → C) with bias; logits at the block's resolution. Children hidden, classifier.</summary>
public sealed class ExitHead : NamedModule
{
    private readonly ConvBn _hidden;
    private readonly Conv2d _classifier;

    /// <summary>A head from <paramref name="inChannels"/> through <paramref name="hiddenChannels"/> to <paramref name="numClasses"/>.</summary>
    public ExitHead(int inChannels, int hiddenChannels, int numClasses) : base("ExitHead")
    {
        register_module("hidden", _hidden = new ConvBn(inChannels, hiddenChannels, 3));
        register_module("classifier", _classifier = nn.Conv2d(hiddenChannels, numClasses, 1));
    }

    /// <summary>[N,C_b,h,w] -> [N,C,h,w].</summary>
    public override Tensor forward(Tensor input) => _classifier.call(_hidden.call(input));
}
