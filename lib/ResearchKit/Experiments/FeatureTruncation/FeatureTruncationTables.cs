using ResearchKit.Training;
using ResearchKit.Metrics;
using ResearchKit.Plots;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>NB04's tables, checks and verdict.</summary>
public static class FeatureTruncationTables
{
    /// <summary>"TinyUNet" or "DeepLabV3+": the network a config truncates.</summary>
    public static string Network(FeatureTruncationConfig cfg) => cfg.Base.Model == ModelKind.DeepLabV3Plus ? "DeepLabV3+" : "TinyUNet";

    /// <summary>What NB04 trains.</summary>
    public static HtmlTable Settings(FeatureTruncationConfig cfg) => new(["setting", "value"],
    [
        ["network", cfg.Base.Model == ModelKind.DeepLabV3Plus
            ? $"DeepLabV3+ widths {string.Join("-", cfg.Base.Widths)}, ASPP {cfg.Base.Bottleneck}, decoder at stride 4·t (NB03's base resolution)"
            : $"TinyUNet widths {string.Join("-", cfg.Base.Widths)}, bottleneck {cfg.Base.Bottleneck} (NB03's base config)"],
        ["training resolution", $"{360 / cfg.Base.Factor}×{480 / cfg.Base.Factor}, crops {cfg.Base.CropHeight}×{cfg.Base.CropWidth}, {cfg.Base.Epochs} epochs"],
        ["decoder strides t", string.Join(", ", cfg.Strides)],
        ["operators", string.Join(", ", cfg.Operators)],
        ["seeds", string.Join(", ", cfg.Seeds)],
        ["test-only arm", cfg.TestOnly ? "yes: the t = 1 weights in each truncated network, not retrained" : "no"],
    ], "FeatureTruncationConfig");

    /// <summary>One row per arm: mIoU ± std, thin-class mIoU, decoder and total MACs (and the decoder's fall against t = 1), time per image.</summary>
    public static HtmlTable Arms(FeatureTruncationResult r)
    {
        var arms = TruncationArm.Of(r);
        var plain = arms.First(a => a.Stride == 1 && !a.TestOnly);
        return new(["t", "operator", "trained", "val mIoU", "thin-class mIoU", "decoder + head MMACs", "fall vs t = 1", "total MMACs", "ms / val image"],
            arms.Select(a => (IReadOnlyList<object?>)[a.Stride, a.Operator, a.TestOnly ? "test only" : "yes", $"{a.MeanIoU:0.00} ± {a.StdIoU:0.00}",
                a.ThinMeanIoU.ToString("0.00"), (a.DecoderMacs / 1e6).ToString("0.0"), $"{(double)plain.DecoderMacs / a.DecoderMacs:0.0}×",
                (a.TotalMacs / 1e6).ToString("0.0"), a.MillisecondsPerImage.ToString("0.0")]),
            "MACs of one val image at the training resolution; time = the val pass per image on 2 threads (forward, operator, up-sampling, argmax)");
    }

    /// <summary>Per operator: within the noise band of t = 1 at t = 2 and 4 (reproduced), a real loss at t = 2 for both operators (contradicted).</summary>
    public static HtmlTable Verdict(FeatureTruncationResult r)
    {
        var arms = TruncationArm.Of(r).Where(a => !a.TestOnly).ToArray();
        var plain = arms.First(a => a.Stride == 1);
        bool Real(TruncationArm a) => SeedStats.IsReal(plain.MeanIoU - a.MeanIoU, plain.StdIoU, a.StdIoU);
        var rows = new List<IReadOnlyList<object?>>();
        var lossAt2 = new List<bool>();
        foreach (var op in r.Config.Operators)
        {
            var small = arms.Where(a => a.Operator == op && a.Stride is 2 or 4).ToArray();
            var holds = small.Length > 0 && small.All(a => !Real(a));
            lossAt2.Add(arms.Any(a => a.Operator == op && a.Stride == 2 && Real(a)));
            rows.Add([op, holds ? "no real loss" : "a real loss", string.Join(", ", small.Select(a => $"t = {a.Stride}: {a.MeanIoU - plain.MeanIoU:+0.00;-0.00} mIoU at {(double)plain.DecoderMacs / a.DecoderMacs:0.0}× fewer decoder MACs"))]);
        }
        var verdict = r.Config.Seeds.Length < 2 ? "inconclusive (one seed per arm: no noise band to judge by)"
            : rows.Any(x => (string)x[1]! == "no real loss") ? "reproduced" : lossAt2.All(x => x) ? "contradicted" : "inconclusive";
        rows.Add(["verdict", verdict, $"reference t = 1: {plain.MeanIoU:0.00} ± {plain.StdIoU:0.00}"]);
        return new(["operator", "at t = 2 and 4", "differences"], rows,
            "Spec: reproduced if mIoU stays within the noise band of t = 1 at t ∈ {2, 4} while decoder MACs fall; contradicted if both operators lose at t = 2");
    }

    /// <summary>What must hold on any preset: finite scores, decoder MACs falling with t, the same total layers.</summary>
    public static Repro.CheckList Checks(FeatureTruncationResult r)
    {
        var checks = new Repro.CheckList("NB04 feature truncation");
        var arms = TruncationArm.Of(r);
        checks.Add("every arm has a finite val mIoU", string.Join(", ", arms.Select(a => a.MeanIoU.ToString("0.0"))), "finite", arms.All(a => double.IsFinite(a.MeanIoU)));
        foreach (var op in r.Config.Operators)
        {
            var curve = arms.Where(a => !a.TestOnly && a.Operator == op).OrderBy(a => a.Stride).ToArray();
            checks.Add($"{op}: decoder MACs fall as t grows", string.Join(" > ", curve.Select(a => (a.DecoderMacs / 1e6).ToString("0.0"))), "strictly decreasing",
                curve.Zip(curve.Skip(1)).All(p => p.Second.DecoderMacs < p.First.DecoderMacs));
        }
        var trained = arms.Where(a => !a.TestOnly).ToArray();
        checks.Add("test-only arms cost what the trained ones of the same t cost", "decoder MACs equal", "equal",
            arms.Where(a => a.TestOnly).All(a => trained.Any(x => x.Stride == a.Stride && x.Operator == a.Operator && x.DecoderMacs == a.DecoderMacs)));
        return checks;
    }
}
