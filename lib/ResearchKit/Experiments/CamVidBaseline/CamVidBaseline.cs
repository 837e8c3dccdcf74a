using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>NB00: CamVid's class statistics, then U-Net and DeepLabV3+ trained by the preset and scored on val at full
/// resolution (per-class IoU, confusion matrix, cost per layer, a few predictions).</summary>
/// <remarks>Each training run lives in &lt;out&gt;/runs/train-&lt;model&gt;-&lt;config hash&gt;/ with its per-epoch checkpoints. A run
/// found finished there (result.json of the same config hash, final.ckpt) is reused rather than retrained — the
/// notebook says so and quotes the commit that trained it; a run found half done resumes from its last checkpoint.
/// RESEARCHKIT_NO_CACHE=1 retrains from scratch.</remarks>
public static class CamVidBaseline
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "CamVidBaseline";

    /// <summary>Runs NB00 on CamVid at <see cref="DataPaths.CamVid"/>, or returns the cached result of the same config and commit.</summary>
    public static CamVidBaselineResult Run(CamVidBaselineConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, DataPaths.CamVid, Path.Combine(RepoPaths.Out, "runs"), Console.Out));

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

    /// <summary>The run folder of <paramref name="cfg"/> under <paramref name="runsFolder"/>.</summary>
    public static string RunFolder(TrainConfig cfg, string runsFolder) =>
        Path.Combine(runsFolder, $"train-{cfg.Model.ToString().ToLowerInvariant()}-{ConfigHash.Of(cfg)}");

    private static BaselineModelRun TrainAndScore(string name, TrainConfig train, CamVidBaselineConfig cfg, string dataRoot,
        string runsFolder, TextWriter log)
    {
        var folder = RunFolder(train, runsFolder);
        var reused = TryReuse(train, folder);
        var result = reused ?? TrainFresh(train, dataRoot, folder, log);
        var (_, model) = TrainedModel.Load(Path.Combine(folder, "final.ckpt"));
        var valSplit = CamVid.Open(dataRoot).Split("val");
        var inputs = SegmentationSet.Load(valSplit, train.Factor, train.ImageResize, train.LabelRule, train.ValLimit);
        var truth = ParallelLoad.All(inputs.Count, valSplit.LoadLabel);
        var seg = (ISegmentationModel)model;
        var sw = Stopwatch.StartNew();
        var (cm, predictions) = Evaluation.Confusion(seg, inputs, truth, keep: Spread(inputs.Count, cfg.PredictionImages));
        var seconds = sw.Elapsed.TotalSeconds / inputs.Count;
        int m = seg.SizeMultiple, h = (inputs.Height + m - 1) / m * m, w = (inputs.Width + m - 1) / m * m;
        var layers = LayerCost.PerLayer(model, 1, h, w).ToArray();
        var confusion = Enumerable.Range(0, cm.NumClasses).Select(t => Enumerable.Range(0, cm.NumClasses).Select(p => cm[t, p]).ToArray()).ToArray();
        return new BaselineModelRun(name, result, folder, reused is not null, confusion, layers, seconds, predictions);
    }

    /// <summary>The finished run in <paramref name="folder"/> if it was made by <paramref name="cfg"/> (and caching is on).</summary>
    private static TrainResult? TryReuse(TrainConfig cfg, string folder)
    {
        var resultPath = Path.Combine(folder, "result.json");
        if (Environment.GetEnvironmentVariable("RESEARCHKIT_NO_CACHE") == "1" || !File.Exists(resultPath)) return null;
        try
        {
            var result = JsonSerializer.Deserialize<TrainResult>(File.ReadAllText(resultPath), ConfigHash.Json);
            return result is not null && result.Manifest.ConfigHash == ConfigHash.Of(cfg) && File.Exists(Path.Combine(folder, "final.ckpt")) ? result : null;
        }
        catch (JsonException)
        {
            return null; // an unreadable result is retrained (resuming from the folder's last checkpoint)
        }
    }

    private static TrainResult TrainFresh(TrainConfig cfg, string dataRoot, string folder, TextWriter log)
    {
        if (Environment.GetEnvironmentVariable("RESEARCHKIT_NO_CACHE") == "1" && Directory.Exists(folder))
            Directory.Delete(folder, recursive: true); // no cache means no resume either: train this build from scratch
        return Trainer.Run(cfg, dataRoot, folder, log);
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
