using Deedle;
using ResearchKit.Tables;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>NB03's tables: settings, the arms (mIoU, thin-class mIoU, time, memory, decoder MACs), and every run.</summary>
public static class PredictionGridTables
{
    /// <summary>What NB03 trains (the settings of a <see cref="PredictionGridConfig"/>).</summary>
    public static Frame<int, string> Settings(PredictionGridConfig cfg)
    {
        var b = cfg.Base;
        return Table.Settings(
        [
            ("network", $"TinyUNet widths {string.Join("-", b.Widths)}, bottleneck {b.Bottleneck}"),
            ("training resolution", $"{360 / b.Factor}×{480 / b.Factor} (factor f = {b.Factor}), crops {b.CropHeight}×{b.CropWidth}, flips"),
            ("grid factors s (360×480 units)", string.Join(", ", cfg.GridFactors)),
            ("on the network's input", string.Join(", ", cfg.GridFactors.Select(s => $"s/f = {s / b.Factor}: decoder at r = {cfg.Arm(s, 0).DecoderStride ?? 1}"))),
            ("schedule", $"{b.Epochs} epochs, batch {b.BatchSize}, SGD lr {b.LearningRate}, momentum {b.Momentum}, poly {b.PolyPower}"),
            ("seeds", string.Join(", ", cfg.Seeds)),
            ("val", $"{(b.ValLimit is { } v ? $"the first {v}" : "all 101")} images at 360×480 (logits up-sampled bilinearly), final checkpoint, void excluded"),
        ]);
    }

    /// <summary>One row per s: val and thin-class mIoU as mean ± sample std over seeds, train time per run (minutes), peak
    /// memory (MiB; the largest working set of the training process, missing for runs that predate the record) and
    /// decoder + head MMACs per image. Time and memory are this machine's (2 cores).</summary>
    public static Frame<int, string> Arms(PredictionGridResult r) => Table.FromRows(
        ["s", "decoder stride r", "seeds", "val mIoU", "thin-class mIoU", "train time / run (min)", "peak memory (MiB)", "decoder + head MMACs / image"],
        GridArm.Of(r).Select(a => (IReadOnlyList<object?>)[a.GridFactor, a.DecoderStride, a.Seeds, $"{a.MeanIoU:0.00} ± {a.StdIoU:0.00}",
            $"{a.ThinMeanIoU:0.00} ± {a.ThinStd:0.00}", Math.Round(a.TrainSeconds / 60, 1), a.PeakWorkingSetMiB > 0 ? Math.Round(a.PeakWorkingSetMiB) : null,
            Math.Round(a.DecoderMacs / 1e6, 1)]));

    /// <summary>Every run: config hash, seed, commit, val mIoU, and whether it was reused from an earlier run (no: trained now).</summary>
    public static Frame<int, string> Runs(PredictionGridResult r) => Table.FromRows(["s", "seed", "config", "trained by commit", "val mIoU", "reused"],
        r.Runs.Select(x => (IReadOnlyList<object?>)[x.GridFactor, x.Seed, x.ConfigHash, x.TrainedByCommit.Length > 10 ? x.TrainedByCommit[..10] : x.TrainedByCommit,
            Math.Round(x.MeanIoU, 2), x.Reused]));
}
