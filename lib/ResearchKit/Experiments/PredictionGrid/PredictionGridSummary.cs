namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>One grid factor over its seeds: mean and sample standard deviation (0 for one seed).</summary>
public sealed record GridArm(int GridFactor, int DecoderStride, int Seeds, double MeanIoU, double StdIoU, double ThinMeanIoU, double ThinStd,
    double TrainSeconds, double PeakWorkingSetMiB, long DecoderMacs)
{
    /// <summary>The arms of <paramref name="r"/>, in grid-factor order.</summary>
    public static GridArm[] Of(PredictionGridResult r) => r.Config.GridFactors.Select(s =>
    {
        var runs = r.At(s);
        return new GridArm(s, runs[0].DecoderStride, runs.Length, runs.Average(x => x.MeanIoU), Std(runs.Select(x => x.MeanIoU)),
            runs.Average(x => x.ThinMeanIoU), Std(runs.Select(x => x.ThinMeanIoU)), runs.Average(x => x.TrainSeconds),
            runs.Max(x => x.PeakWorkingSetMiB), runs[0].DecoderMacs);
    }).ToArray();

    /// <summary>The sample standard deviation (n − 1), 0 for fewer than two values.</summary>
    public static double Std(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length < 2) return 0;
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }
}
