using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>A network mapping images [N,3,H,W] to logits [N,numClasses,H,W], with H and W multiples of <see cref="SizeMultiple"/>.</summary>
/// <remarks>Every implementation is a TorchSharp <c>nn.Module&lt;Tensor, Tensor&gt;</c> whose <c>forward</c> is this one.</remarks>
public interface ISegmentationModel
{
    /// <summary>Classes the head predicts.</summary>
    int NumClasses { get; }

    /// <summary>H and W of an input must be multiples of this (the total down-sampling of the encoder).</summary>
    int SizeMultiple { get; }

    /// <summary>images [N,3,H,W] -> logits [N,numClasses,H,W].</summary>
    Tensor forward(Tensor images);

    /// <summary>The named intermediate features of the last forward (per-stage outputs and the logits at the head's
    /// resolution); later experiments attach losses and truncation to them. They live as long as the tensors of that
    /// forward (a dispose scope around it ends them).</summary>
    IReadOnlyDictionary<string, Tensor> Features { get; }
}
