using System.Diagnostics;
using ResearchKit.Data;
using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>NB00: CamVid's class statistics, then U-Net and DeepLabV3+ trained by the preset and scored on val at full
/// resolution (per-class IoU, confusion matrix, cost per layer, a few predictions).</summary>
/// <remarks>Training runs are shared with later notebooks through <see cref="TrainingRuns"/> (one folder per config
/// hash, reused when finished, resumed when half done); the summary table says which, and which commit trained it.</remarks>
public static class CamVidBaseline
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "CamVidBaseline";

    /// <summary>Runs NB00 on CamVid at <see cref="DataPaths.CamVid"/>, or returns the cached result of the same config and commit.</summary>
    public static CamVidBaselineResult Run(CamVidBaselineConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, DataPaths.CamVid, TrainingRuns.Folder, Console.Out));

    /// <summary>Runs NB00 on the CamVid folder <paramref name="dataRoot"/>, training into folders under
    /// <paramref name="runsFolder"/>, progress to <paramref name="log"/>; no result cache.</summary>
    public static CamVidBaselineResult Run(CamVidBaselineConfig cfg, string dataRoot, string runsFolder, TextWriter log)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var steps = new StepLog(Name);
        var camvid = CamVid.Open(dataRoot);
        var (train, val) = (camvid.Split("train"), camvid.Split("val"));
        var trainPixels = steps.Time("count train pixels per class", () => PixelCounts(train, cfg.UNet.TrainLimit));
        var valPixels = steps.Time("count val pixels per class", () => PixelCounts(val, cfg.UNet.ValLimit));
        var models = new[] { ("U-Net", cfg.UNet), ("DeepLabV3+", cfg.DeepLabV3Plus) }
            .Select(m => steps.Time($"train and score {m.Item1}", () => TrainAndScore(m.Item1, m.Item2, cfg, dataRoot, runsFolder, log)))
            .ToArray();
        var valCount = Math.Min(cfg.UNet.ValLimit ?? val.Count, val.Count);
        return new CamVidBaselineResult(cfg, manifest.Stop(), CamVid.ClassNames.ToArray(),
            Math.Min(cfg.UNet.TrainLimit ?? train.Count, train.Count), valCount, trainPixels, valPixels,
            Spread(valCount, cfg.PredictionImages).Select(i => val.Names[i]).ToArray(), models);
    }

    private static BaselineModelRun TrainAndScore(string name, TrainConfig train, CamVidBaselineConfig cfg, string dataRoot,
        string runsFolder, TextWriter log)
    {
        var (result, folder, reused) = TrainingRuns.GetOrTrain(train, dataRoot, runsFolder, log);
        var (_, model) = TrainedModel.Load(Path.Combine(folder, "final.ckpt"));
        var valSplit = CamVid.Open(dataRoot).Split("val");
        var inputs = SegmentationSet.Load(valSplit, train.Factor, train.ImageResize, train.LabelRule, train.ValLimit);
        var truth = ParallelLoad.All(inputs.Count, valSplit.LoadLabel);
        var seg = (ISegmentationModel)model;
        var sw = Stopwatch.StartNew();
        var (cm, predictions) = Evaluation.Confusion(seg, inputs, truth, keep: Spread(inputs.Count, cfg.PredictionImages));
        var seconds = sw.Elapsed.TotalSeconds / inputs.Count;
        var layers = SpectralMeasures.ValImageLayers(model, inputs.Height, inputs.Width).ToArray();
        var confusion = Enumerable.Range(0, cm.NumClasses).Select(t => Enumerable.Range(0, cm.NumClasses).Select(p => cm[t, p]).ToArray()).ToArray();
        return new BaselineModelRun(name, result, folder, reused, confusion, layers, seconds, predictions);
    }

    /// <summary><paramref name="n"/> indices spread evenly over 0..count-1 (consecutive CamVid frames look alike).</summary>
    public static int[] Spread(int count, int n) =>
        Enumerable.Range(0, Math.Min(n, count)).Select(i => (int)((long)i * count / Math.Min(n, count))).ToArray();

    /// <summary>Pixels per class over the first <paramref name="limit"/> labels of <paramref name="split"/>; the last entry is void.</summary>
    private static long[] PixelCounts(CamVidSplit split, int? limit)
    {
        var n = Math.Min(limit ?? split.Count, split.Count);
        var counts = new long[CamVid.NumClasses + 1];
        foreach (var label in ParallelLoad.All(n, split.LoadLabel))
            foreach (var v in label.Data) counts[Math.Min((int)v, CamVid.NumClasses)]++;
        return counts;
    }
}
