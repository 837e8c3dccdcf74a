using ResearchKit.Metrics;
namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>One grid factor over its seeds: mean and sample standard deviation (0 for one seed).</summary>
public sealed record GridArm(int GridFactor, int DecoderStride, int Seeds, double MeanIoU, double StdIoU, double ThinMeanIoU, double ThinStd,
    double TrainSeconds, double PeakWorkingSetMiB, long DecoderMacs)
{
    /// <summary>The arms of <paramref name="r"/>, in grid-factor order.</summary>
    public static GridArm[] Of(PredictionGridResult r) => r.Config.GridFactors.Select(s =>
    {
        var runs = r.At(s);
        return new GridArm(s, runs[0].DecoderStride, runs.Length, runs.Average(x => x.MeanIoU), SeedStats.Std(runs.Select(x => x.MeanIoU)),
            runs.Average(x => x.ThinMeanIoU), SeedStats.Std(runs.Select(x => x.ThinMeanIoU)), runs.Average(x => x.TrainSeconds),
            runs.Max(x => x.PeakWorkingSetMiB), runs[0].DecoderMacs);
    }).ToArray();
}
