using ResearchKit.Plots;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>The tables of NB08 and NB09: settings, the ablation, the failure metrics, the overhead and the verdicts.</summary>
public static class SelfRegulationTables
{
    /// <summary>Every setting of <paramref name="cfg"/>.</summary>
    public static HtmlTable Settings(SelfRegulationConfig cfg)
    {
        var b = cfg.Base;
        var sr = cfg.Arms.First(a => a.Options.MultiExit).Options;
        return new HtmlTable(["setting", "value"],
        [
            ["model", $"{b.Model}, block widths {string.Join("-", b.Widths)}, exit heads {b.Bottleneck} hidden channels"],
            ["resolution", $"1/{b.Factor} of 360×480 ({360 / b.Factor}×{480 / b.Factor}), random crops {b.CropHeight}×{b.CropWidth} and flips"],
            ["schedule", $"SGD lr {b.LearningRate}, momentum {b.Momentum}, weight decay {b.WeightDecay}, poly {b.PolyPower}, batch {b.BatchSize}, {b.Epochs} epochs"],
            ["arms", string.Join(", ", cfg.Arms.Select(a => a.Name))],
            ["seeds", string.Join(", ", cfg.Seeds)],
            ["λ_cls, λ_seg, λ_F, λ_L", $"{sr.LambdaCls}, {sr.LambdaSeg}, {sr.LambdaFeature}, {sr.LambdaLogit} (the official code's)"],
            ["T (PixelKl), warm-up", $"{sr.Temperature} (×T² {sr.ScaleByTemperatureSquared}), first {sr.WarmupFraction:P0} of the iterations MEA only"],
            ["scoring", "final checkpoint, main exit, val at 360×480 (logits bilinear), void excluded"],
        ], "SelfRegulationConfig");
    }

    /// <summary>NB08's table: one row per arm.</summary>
    public static HtmlTable Ablation(SelfRegulationResult r) => new(
        ["arm", "val mIoU", "thin-class mIoU", "interior confusion", "s / epoch", "test MMACs / image"],
        r.Summaries().Select(s => (IReadOnlyList<object?>)[s.Arm, s.Text, Pm(s.ThinMeanIoU, s.ThinStd, s.Seeds),
            Pm(100 * s.InteriorConfusion, 100 * s.InteriorStd, s.Seeds) + "%", s.SecondsPerEpoch.ToString("0.0"),
            (s.TestMacsPerImage / 1e6).ToString("0.0")]),
        $"SrNet at 1/{r.Config.Base.Factor}, {r.Config.Base.Epochs} epochs; mean ± std over seeds {string.Join(", ", r.Config.Seeds)}; MACs at the training crop");

    /// <summary>NB09: per-exit mIoU of every arm.</summary>
    public static HtmlTable Exits(SelfRegulationResult r) => new(["arm", "exit 1", "exit 2", "exit 3", "exit 4 (main)"],
        r.Summaries().Where(s => s.ExitMeanIoU.Length > 1).Select(s => (IReadOnlyList<object?>)new object?[] { s.Arm }
            .Concat(s.ExitMeanIoU.Select(v => (object?)v.ToString("0.00"))).ToArray()),
        "Val mIoU of each exit, mean over seeds (the Baseline has one exit)");

    /// <summary>NB09: training and test-time cost of every arm against the Baseline.</summary>
    public static HtmlTable Overhead(SelfRegulationResult r)
    {
        var baseline = r.Summary("Baseline");
        return new HtmlTable(["arm", "s / epoch", "× Baseline", "train MMACs / image", "× Baseline", "test MMACs / image", "test parameters"],
            r.Summaries().Select(s => (IReadOnlyList<object?>)[s.Arm, s.SecondsPerEpoch.ToString("0.0"), (s.SecondsPerEpoch / baseline.SecondsPerEpoch).ToString("0.00"),
                (s.TrainMacsPerImage / 1e6).ToString("0.0"), ((double)s.TrainMacsPerImage / baseline.TrainMacsPerImage).ToString("0.00"),
                (s.TestMacsPerImage / 1e6).ToString("0.0"), s.TestParameters.ToString("N0")]),
            $"MACs at the {r.Config.Base.CropHeight}×{r.Config.Base.CropWidth} training crop; test time runs the main path only");
    }

    /// <summary>NB09: the wall time of every arm measured side by side (<see cref="SrTiming"/>), against the Baseline.</summary>
    public static HtmlTable Timing(SrTimingResult t)
    {
        var baseline = t.Arms.FirstOrDefault(a => a.Arm == "Baseline");
        string Ratio(double v, double? b) => b is { } x ? (v / x).ToString("0.00") : "";
        return new HtmlTable(["arm", "train ms / step", "× Baseline", "test ms / image", "× Baseline"],
            t.Arms.Select(a => (IReadOnlyList<object?>)[a.Arm, a.TrainStepMs.ToString("0"), Ratio(a.TrainStepMs, baseline?.TrainStepMs),
                a.TestMsPerImage.ToString("0.0"), Ratio(a.TestMsPerImage, baseline?.TestMsPerImage)]),
            $"Medians over {t.Rounds} interleaved rounds on {t.Threads} thread(s): a training step on one batch of {t.Batch} crops of " +
            $"{t.CropHeight}×{t.CropWidth}, and the test pass of each arm's seed-0 network over {t.TestImages} val images scored at 360×480; " +
            $"load average {t.LoadAverage:0.00} when it began");
    }

    private static string Pm(double mean, double std, int seeds) => seeds > 1 ? $"{mean:0.00} ± {std:0.00}" : $"{mean:0.00}";
}
