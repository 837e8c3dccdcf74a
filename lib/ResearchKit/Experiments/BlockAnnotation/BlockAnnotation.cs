using MathNet.Numerics.Statistics;
using ResearchKit.Metrics;
using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Experiments.PredictionGrid;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.BlockAnnotation;

/// <summary>One trained run of NB05.</summary>
public sealed record BlockRun(int BlockSize, int Seed, string ConfigHash, string TrainedByCommit, double MeanIoU, double ThinMeanIoU, double TrainSeconds);

/// <summary>Outputs of NB05.</summary>
public sealed record BlockAnnotationResult(BlockAnnotationConfig Config, RunManifest Manifest, BlockRun[] Runs) : IExperimentResult
{
    /// <summary>Mean and sample std of val mIoU and thin-class mIoU at block size <paramref name="b"/>.</summary>
    public (double Mean, double Std, double Thin) At(int b)
    {
        var runs = Runs.Where(r => r.BlockSize == b).ToArray();
        return (runs.Average(r => r.MeanIoU), SeedStats.Std(runs.Select(r => r.MeanIoU)), runs.Average(r => r.ThinMeanIoU));
    }

    /// <summary>Tiles per 360×480 image for block size <paramref name="b"/>: (H/b)·(W/b).</summary>
    public static int Tiles(int b) => 360 / b * (480 / b);
}

/// <summary>NB05: TinyUNet trained on block-majority train labels for each b (val dense), scored on val.</summary>
public static class BlockAnnotation
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "BlockAnnotation";

    /// <summary>Runs NB05 on CamVid at <see cref="DataPaths.CamVid"/>, or returns the cached result of the same config and commit.</summary>
    public static BlockAnnotationResult Run(BlockAnnotationConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, DataPaths.CamVid, TrainingRuns.Folder, Console.Out));

    /// <summary>Runs NB05 on <paramref name="dataRoot"/> with runs under <paramref name="runsFolder"/>; no result cache.</summary>
    public static BlockAnnotationResult Run(BlockAnnotationConfig cfg, string dataRoot, string runsFolder, TextWriter log)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var steps = new StepLog(Name);
        var runs = new List<BlockRun>();
        foreach (var b in cfg.BlockSizes)
            foreach (var seed in cfg.Seeds)
            {
                var (result, _, _) = steps.Time($"b = {b}, seed {seed}", () => TrainingRuns.GetOrTrain(cfg.Arm(b, seed), dataRoot, runsFolder, log));
                runs.Add(new BlockRun(b, seed, result.Manifest.ConfigHash, result.Manifest.Commit, result.Final.MeanIoU,
                    SpectralMeasures.ThinMeanIoU(result.Final.PerClassIoU), result.Epochs.Sum(e => e.Seconds)));
            }
        return new BlockAnnotationResult(cfg, manifest.Stop(), runs.ToArray());
    }

    /// <summary>e_b(K*(0.95)) from NB01 for block size <paramref name="b"/> (0 for b = 1; NaN when NB01 did not compute b).</summary>
    public static double BlockError(LabelSpectraResult spectra, int b)
    {
        if (b == 1) return 0;
        var row = spectra.BlockErrors.FirstOrDefault(e => e.BlockSize == b);
        return row is null ? double.NaN : row.ErrorCurve[spectra.Cutoff(0.95).K];
    }

    /// <summary>Spearman's rank correlation (MathNet.Numerics: Pearson's r of average ranks, so ties share a rank); NaN
    /// for fewer than 3 pairs or a constant series, where a rank correlation says nothing.</summary>
    public static double Spearman(double[] x, double[] y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"Spearman: {x.Length} x values against {y.Length} y values");
        if (x.Length < 3 || x.Distinct().Count() < 2 || y.Distinct().Count() < 2) return double.NaN;
        return Correlation.Spearman(x, y);
    }
}
