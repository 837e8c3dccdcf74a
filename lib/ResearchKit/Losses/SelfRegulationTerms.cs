using static TorchSharp.torch;

namespace ResearchKit.Losses;

/// <summary>One step's self-regulation loss: the weighted total to back-propagate and each unweighted term's value
/// (0 for a term that is off or still in warm-up).</summary>
public sealed record SelfRegulationTerms(Tensor Total, double Seg, double Cls, double Feature, double Logit);
