using Deedle;
using ResearchKit.Tables;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>The tables of NB08 and NB09: settings, the ablation, the failure metrics, the overhead and the timing.</summary>
public static class SelfRegulationTables
{
    /// <summary>Every setting of <paramref name="cfg"/> (<see cref="SelfRegulationConfig"/>).</summary>
    public static Frame<int, string> Settings(SelfRegulationConfig cfg)
    {
        var b = cfg.Base;
        var sr = cfg.Arms.First(a => a.Options.MultiExit).Options;
        return Table.Settings(
        [
            ("model", $"{b.Model}, block widths {string.Join("-", b.Widths)}, exit heads {b.Bottleneck} hidden channels"),
            ("resolution", $"1/{b.Factor} of 360×480 ({360 / b.Factor}×{480 / b.Factor}), random crops {b.CropHeight}×{b.CropWidth} and flips"),
            ("schedule", $"SGD lr {b.LearningRate}, momentum {b.Momentum}, weight decay {b.WeightDecay}, poly {b.PolyPower}, batch {b.BatchSize}, {b.Epochs} epochs"),
            ("arms", string.Join(", ", cfg.Arms.Select(a => a.Name))),
            ("seeds", string.Join(", ", cfg.Seeds)),
            ("λ_cls, λ_seg, λ_F, λ_L", $"{sr.LambdaCls}, {sr.LambdaSeg}, {sr.LambdaFeature}, {sr.LambdaLogit} (the official code's)"),
            ("T (PixelKl), warm-up", $"{sr.Temperature} (×T² {sr.ScaleByTemperatureSquared}), first {sr.WarmupFraction:P0} of the iterations MEA only"),
            ("scoring", "final checkpoint, main exit, val at 360×480 (logits bilinear), void excluded"),
        ]);
    }

    /// <summary>NB08's table, one row per arm: val mIoU, thin-class mIoU and interior confusion (%) as "mean ± std" over
    /// the seeds (numbers with one seed), wall seconds per epoch, and test-time MMACs per image at the training crop.</summary>
    public static Frame<int, string> Ablation(SelfRegulationResult r) => Table.FromRows(
        ["arm", "val mIoU", "thin-class mIoU", "interior confusion %", "s / epoch", "test MMACs / image"],
        r.Summaries().Select(s => (IReadOnlyList<object?>)[s.Arm, Pm(s.MeanIoU, s.StdIoU, s.Seeds), Pm(s.ThinMeanIoU, s.ThinStd, s.Seeds),
            Pm(100 * s.InteriorConfusion, 100 * s.InteriorStd, s.Seeds), Math.Round(s.SecondsPerEpoch, 1),
            Math.Round(s.TestMacsPerImage / 1e6, 1)]));

    /// <summary>NB09: val mIoU of each exit, mean over seeds, of every multi-exit arm (the Baseline has one exit).</summary>
    public static Frame<int, string> Exits(SelfRegulationResult r) => Table.FromRows(["arm", "exit 1", "exit 2", "exit 3", "exit 4 (main)"],
        r.Summaries().Where(s => s.ExitMeanIoU.Length > 1).Select(s => (IReadOnlyList<object?>)new object?[] { s.Arm }
            .Concat(s.ExitMeanIoU.Select(v => (object?)Math.Round(v, 2))).ToArray()));

    /// <summary>NB09: training and test-time cost of every arm against the Baseline; MACs at the training crop, and test
    /// time runs the main path only.</summary>
    public static Frame<int, string> Overhead(SelfRegulationResult r)
    {
        var baseline = r.Summary("Baseline");
        return Table.FromRows(["arm", "s / epoch", "s / epoch × Baseline", "train MMACs / image", "train MACs × Baseline", "test MMACs / image", "test parameters"],
            r.Summaries().Select(s => (IReadOnlyList<object?>)[s.Arm, Math.Round(s.SecondsPerEpoch, 1), Math.Round(s.SecondsPerEpoch / baseline.SecondsPerEpoch, 2),
                Math.Round(s.TrainMacsPerImage / 1e6, 1), Math.Round((double)s.TrainMacsPerImage / baseline.TrainMacsPerImage, 2),
                Math.Round(s.TestMacsPerImage / 1e6, 1), s.TestParameters]));
    }

    /// <summary>NB09: the wall time of every arm measured side by side (<see cref="SrTiming"/>), against the Baseline:
    /// medians over interleaved rounds of a training step on one batch of crops, and of the test pass of each arm's
    /// seed-0 network over val images scored at 360×480 (how it was measured: <see cref="TimingSetup"/>).</summary>
    public static Frame<int, string> Timing(SrTimingResult t)
    {
        var baseline = t.Arms.FirstOrDefault(a => a.Arm == "Baseline");
        double? Ratio(double v, double? b) => b is { } x ? Math.Round(v / x, 2) : null;
        return Table.FromRows(["arm", "train ms / step", "train × Baseline", "test ms / image", "test × Baseline"],
            t.Arms.Select(a => (IReadOnlyList<object?>)[a.Arm, Math.Round(a.TrainStepMs), Ratio(a.TrainStepMs, baseline?.TrainStepMs),
                Math.Round(a.TestMsPerImage, 1), Ratio(a.TestMsPerImage, baseline?.TestMsPerImage)]));
    }

    /// <summary>NB09: how <see cref="Timing"/> was measured: rounds, threads, the training batch, the val images, and the
    /// machine's load average when it began.</summary>
    public static Frame<int, string> TimingSetup(SrTimingResult t) => Table.Settings(
    [
        ("interleaved rounds (medians)", t.Rounds),
        ("threads", t.Threads),
        ("training step", $"one batch of {t.Batch} crops of {t.CropHeight}×{t.CropWidth}"),
        ("test pass", $"each arm's seed-0 network over {t.TestImages} val images, scored at 360×480"),
        ("load average when it began", Math.Round(t.LoadAverage, 2)),
    ]);

    /// <summary>"mean ± std" over the seeds, or the number itself (two decimals) with one seed.</summary>
    private static object Pm(double mean, double std, int seeds) => seeds > 1 ? $"{mean:0.00} ± {std:0.00}" : Math.Round(mean, 2);
}
