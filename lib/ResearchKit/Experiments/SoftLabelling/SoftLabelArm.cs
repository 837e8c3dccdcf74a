using ResearchKit.Labels;
using ResearchKit.Metrics;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>One (factor, rule) arm of NB07 over its seeds: mean and sample std of mIoU, per-class mean IoU, cost.</summary>
public sealed record SoftLabelArm(int Factor, LabelDownsampling Rule, int Seeds, double MeanIoU, double StdIoU, double[] PerClassIoU,
    double SecondsPerEpoch, double PeakWorkingSetMiB)
{
    /// <summary>The arm of <paramref name="runs"/> (all of one factor and rule).</summary>
    public static SoftLabelArm Of(IReadOnlyList<SoftLabelRun> runs) => new(runs[0].Factor, runs[0].Rule, runs.Count,
        runs.Average(r => r.MeanIoU), SeedStats.Std(runs.Select(r => r.MeanIoU)),
        Enumerable.Range(0, runs[0].PerClassIoU.Length).Select(c => runs.Average(r => r.PerClassIoU[c])).ToArray(),
        runs.Average(r => r.SecondsPerEpoch), runs.Max(r => r.PeakWorkingSetMiB));

    /// <summary>"mean ± std" with two decimals.</summary>
    public string Text => Seeds > 1 ? $"{MeanIoU:0.00} ± {StdIoU:0.00}" : $"{MeanIoU:0.00}";
}
