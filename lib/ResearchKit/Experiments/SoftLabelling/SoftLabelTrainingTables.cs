using ResearchKit.Claims;
using ResearchKit.Labels;
using ResearchKit.Plots;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The tables of NB07: settings, every arm, the comparisons the spec asks for, per-class IoU (the verdict is <see cref="SoftLabelTrainingVerdict"/>).</summary>
public static class SoftLabelTrainingTables
{
    /// <summary>Every setting of <paramref name="cfg"/>.</summary>
    public static HtmlTable Settings(SoftLabelTrainingConfig cfg) => new(["setting", "value"],
    [
        ["model", $"{cfg.Base.Model}, widths {string.Join("-", cfg.Base.Widths)}, bottleneck {cfg.Base.Bottleneck}"],
        ["factors s", string.Join(", ", cfg.Factors)],
        ["rules", string.Join(", ", cfg.Rules.Select(r => r.Name()))],
        ["seeds", string.Join(", ", cfg.Seeds)],
        ["s = 1 reference seeds", cfg.ReferenceSeeds.Length > 0 ? string.Join(", ", cfg.ReferenceSeeds) : "none in this preset"],
        ["train / val images", $"{cfg.Base.TrainLimit?.ToString() ?? "all (367)"} / {cfg.Base.ValLimit?.ToString() ?? "all (101)"}"],
        ["samples", cfg.MaxCropHeight is null
            ? "whole images at 360/s × 480/s (area mean), padded to a multiple of 16 with void; random flip only"
            : $"images at 360/s × 480/s (area mean), padded to a multiple of 16 with void; at most {cfg.MaxCropHeight}×{cfg.MaxCropWidth} (larger ones: a random crop); random flip"],
        ["loss", "soft CE normalised by target mass (KeepMass); CE with ignore index for hard rules (equal on one-hot)"],
        ["optimiser", $"SGD lr {cfg.Base.LearningRate}, momentum {cfg.Base.Momentum}, weight decay {cfg.Base.WeightDecay}, poly {cfg.Base.PolyPower}, batch {cfg.Base.BatchSize}, {cfg.Base.Epochs} epochs"],
        ["evaluation", "val image at 1/s (area), logits bilinear to 360×480, argmax, mIoU (void excluded); final checkpoint"],
    ], "SoftLabelTrainingConfig");

    /// <summary>Every arm: mIoU mean ± std, its difference from nearest-centre at the same s, time per epoch and peak memory.</summary>
    public static HtmlTable Arms(SoftLabelTrainingResult r)
    {
        var rows = r.Arms().Select(a =>
        {
            var nc = r.Config.Rules.Contains(LabelDownsampling.NearestCentre) ? r.Arm(a.Factor, LabelDownsampling.NearestCentre) : null;
            return (IReadOnlyList<object?>)[a.Factor, $"{360 / a.Factor}×{480 / a.Factor}", a.Rule.Name(), a.Text,
                nc is null ? "" : (a.MeanIoU - nc.MeanIoU).ToString("+0.00;-0.00;0.00"), a.SecondsPerEpoch.ToString("0.0"), a.PeakWorkingSetMiB.ToString("0")];
        }).ToList();
        if (r.Reference is { } reference)
            rows.Add([1, "360×480", "reference (hard)", reference.Text, "", reference.SecondsPerEpoch.ToString("0.0"), reference.PeakWorkingSetMiB.ToString("0")]);
        return new HtmlTable(["s", "train size", "rule", "val mIoU", "Δ vs nearest-centre", "s / epoch", "peak MiB"], rows,
            $"TinyUNet, {r.Config.Base.Epochs} epochs; {(r.Config.Seeds.Length > 1 ? $"mean ± std over seeds {string.Join(", ", r.Config.Seeds)}" : $"seed {r.Config.Seeds[0]}")}; peak = the process's working set");
    }

    /// <summary>The comparisons of the spec at every s: the difference over seeds with its 95 % interval and, for the
    /// two the paper claims (soft over nearest-centre), the verdict of "A beats B" by the kit's rule.</summary>
    public static HtmlTable Comparisons(SoftLabelTrainingResult r)
    {
        (LabelDownsampling A, LabelDownsampling B, string Why, bool Claimed)[] pairs =
        [
            (LabelDownsampling.SoftBox, LabelDownsampling.NearestCentre, "S2/S4", true),
            (LabelDownsampling.SoftBilinearAA, LabelDownsampling.NearestCentre, "S2/S4", true),
            (LabelDownsampling.SoftBox, LabelDownsampling.Majority, "softness alone (same region)", false),
            (LabelDownsampling.SoftBilinear, LabelDownsampling.SoftBox, "the code's kernel vs the region kernel", false),
        ];
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var (a, b, why, claimed) in pairs.Where(p => r.Config.Rules.Contains(p.A) && r.Config.Rules.Contains(p.B)))
            foreach (var s in r.Config.Factors)
            {
                var v = claimed ? SoftLabelTrainingVerdict.Gain(r, s, a, b) : null;
                var e = v?.Estimate ?? VerdictRule.Estimate(r.MeanIoUBySeed(s, a), r.MeanIoUBySeed(s, b));
                rows.Add([$"{a.Name()} − {b.Name()}", why, s, e.ToString(), v?.Word ?? "no paper claim"]);
            }
        return new HtmlTable(["difference", "what it isolates", "s", "Δ mIoU [95% interval]", "A beats B?"], rows,
            $"Δ = A − B over seeds, 95 % Student-t interval (paired by seed); \"A beats B?\" is the verdict of that Increase claim " +
            $"against δ = {SoftLabelTrainingVerdict.Margin:0.0} mIoU (papers README, Verdicts), which NB07's verdict takes at the largest s");
    }

    /// <summary>Per-class IoU of every rule at factor <paramref name="s"/> (default: the largest), classes by train pixel share.</summary>
    public static HtmlTable PerClass(SoftLabelTrainingResult r, int? s = null)
    {
        var at = s ?? r.Config.Factors.Max();
        var arms = r.Config.Rules.Select(rule => r.Arm(at, rule)).ToArray();
        return new HtmlTable(new[] { "class", "train share" }.Concat(arms.Select(a => a.Rule.Name())).ToArray(),
            r.ClassesByShare().Select(c => (IReadOnlyList<object?>)new object?[] { r.ClassNames[c], (100 * r.ClassPixelShare[c]).ToString("0.00") + "%" }
                .Concat(arms.Select(a => (object?)a.PerClassIoU[c].ToString("0.0"))).ToArray()),
            $"Val IoU per class at s = {at} (mean over seeds)");
    }
}
