using ResearchKit.Tensors;

namespace ResearchKit.Models;

/// <summary>A network mapping images [N,3,H,W] to logits [N,numClasses,H,W], with H and W multiples of <see cref="SizeMultiple"/>.</summary>
public interface ISegmentationModel
{
    /// <summary>Classes the head predicts.</summary>
    int NumClasses { get; }

    /// <summary>H and W of an input must be multiples of this (the total down-sampling of the encoder).</summary>
    int SizeMultiple { get; }

    /// <summary>images [N,3,H,W] -> logits [N,numClasses,H,W].</summary>
    Tensor Forward(Tensor images);

    /// <summary>The named intermediate features of the last forward (per-stage outputs and the logits at the head's
    /// resolution); later experiments attach losses and truncation to them.</summary>
    IReadOnlyDictionary<string, Tensor> Features { get; }
}
