using ResearchKit.Labels;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>One trained arm and seed of NB07, scored on val at 360×480 (soft-labelling spec 2.5).</summary>
/// <param name="Factor">s (1 = the full-resolution reference).</param>
/// <param name="Rule">The label rule it trained on.</param>
/// <param name="Reused">True when the run folder held the finished run already (nothing trained in this result).</param>
/// <param name="SecondsPerEpoch">Mean wall seconds per epoch (its val pass at the last epoch included).</param>
/// <param name="PeakWorkingSetMiB">The process's largest working set while it trained.</param>
public sealed record SoftLabelRun(int Factor, LabelDownsampling Rule, int Seed, string ConfigHash, string Commit, bool Reused,
    double MeanIoU, double[] PerClassIoU, double SecondsPerEpoch, double PeakWorkingSetMiB);
