using ResearchKit.Plots;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>NB03's tables: settings, the arms (mIoU, thin-class mIoU, time, memory, decoder MACs), and every run.</summary>
public static class PredictionGridTables
{
    /// <summary>What NB03 trains.</summary>
    public static HtmlTable Settings(PredictionGridConfig cfg)
    {
        var b = cfg.Base;
        return new(["setting", "value"],
        [
            ["network", $"TinyUNet widths {string.Join("-", b.Widths)}, bottleneck {b.Bottleneck}"],
            ["training resolution", $"{360 / b.Factor}×{480 / b.Factor} (factor f = {b.Factor}), crops {b.CropHeight}×{b.CropWidth}, flips"],
            ["grid factors s (360×480 units)", string.Join(", ", cfg.GridFactors)],
            ["on the network's input", string.Join(", ", cfg.GridFactors.Select(s => $"s/f = {s / b.Factor}: decoder at r = {cfg.Arm(s, 0).DecoderStride ?? 1}"))],
            ["schedule", $"{b.Epochs} epochs, batch {b.BatchSize}, SGD lr {b.LearningRate}, momentum {b.Momentum}, poly {b.PolyPower}"],
            ["seeds", string.Join(", ", cfg.Seeds)],
            ["val", $"{(b.ValLimit is { } v ? $"the first {v}" : "all 101")} images at 360×480 (logits up-sampled bilinearly), final checkpoint, void excluded"],
        ], "PredictionGridConfig");
    }

    /// <summary>One row per s: mean ± std over seeds, train time, peak memory, decoder MACs.</summary>
    public static HtmlTable Arms(PredictionGridResult r) => new(
        ["s", "decoder stride r", "seeds", "val mIoU", "thin-class mIoU", "train time / run", "peak memory", "decoder + head MMACs / image"],
        GridArm.Of(r).Select(a => (IReadOnlyList<object?>)[a.GridFactor, a.DecoderStride, a.Seeds, $"{a.MeanIoU:0.00} ± {a.StdIoU:0.00}",
            $"{a.ThinMeanIoU:0.00} ± {a.ThinStd:0.00}", $"{a.TrainSeconds / 60:0.0} min", a.PeakWorkingSetMiB > 0 ? $"{a.PeakWorkingSetMiB:0} MiB" : "n/a",
            (a.DecoderMacs / 1e6).ToString("0.0")]),
        "mean ± sample std over seeds; time and memory of this machine (2 cores), memory = largest working set of the training process");

    /// <summary>Every run: config hash, seed, commit, reuse.</summary>
    public static HtmlTable Runs(PredictionGridResult r) => new(["s", "seed", "config", "trained by commit", "val mIoU", "reused"],
        r.Runs.Select(x => (IReadOnlyList<object?>)[x.GridFactor, x.Seed, x.ConfigHash, x.TrainedByCommit.Length > 10 ? x.TrainedByCommit[..10] : x.TrainedByCommit,
            x.MeanIoU.ToString("0.00"), x.Reused ? "yes" : "trained now"]));
}
