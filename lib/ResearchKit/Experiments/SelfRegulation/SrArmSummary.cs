using ResearchKit.Metrics;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>One arm over its seeds: means and sample stds of the main-exit scores, mean per-exit mIoU, cost.</summary>
public sealed record SrArmSummary(string Arm, int Seeds, double MeanIoU, double StdIoU, double ThinMeanIoU, double ThinStd,
    double InteriorConfusion, double InteriorStd, double[] PerClassIoU, double[] ExitMeanIoU, double SecondsPerEpoch,
    long TrainMacsPerImage, long TestMacsPerImage, long TestParameters)
{
    /// <summary>The summary of <paramref name="runs"/> (one arm).</summary>
    public static SrArmSummary Of(IReadOnlyList<SrRun> runs) => new(runs[0].Arm, runs.Count,
        runs.Average(r => r.MeanIoU), SeedStats.Std(runs.Select(r => r.MeanIoU)),
        runs.Average(r => r.ThinMeanIoU), SeedStats.Std(runs.Select(r => r.ThinMeanIoU)),
        runs.Average(r => r.InteriorConfusion), SeedStats.Std(runs.Select(r => r.InteriorConfusion)),
        Enumerable.Range(0, runs[0].PerClassIoU.Length).Select(c => runs.Average(r => r.PerClassIoU[c])).ToArray(),
        Enumerable.Range(0, runs[0].ExitMeanIoU.Length).Select(e => runs.Average(r => r.ExitMeanIoU[e])).ToArray(),
        runs.Average(r => r.SecondsPerEpoch), runs[0].TrainMacsPerImage, runs[0].TestMacsPerImage, runs[0].TestParameters);

    /// <summary>"mean ± std" of mIoU.</summary>
    public string Text => Seeds > 1 ? $"{MeanIoU:0.00} ± {StdIoU:0.00}" : $"{MeanIoU:0.00}";
}
