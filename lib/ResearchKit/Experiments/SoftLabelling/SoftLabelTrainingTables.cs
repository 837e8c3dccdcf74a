using Deedle;
using ResearchKit.Claims;
using ResearchKit.Labels;
using ResearchKit.Tables;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The tables of NB07: settings, every arm, the comparisons the spec asks for, per-class IoU (the verdict is <see cref="SoftLabelTrainingVerdict"/>).</summary>
public static class SoftLabelTrainingTables
{
    /// <summary>Every setting of <paramref name="cfg"/> (<see cref="SoftLabelTrainingConfig"/>).</summary>
    public static Frame<int, string> Settings(SoftLabelTrainingConfig cfg) => Table.Settings(
    [
        ("model", $"{cfg.Base.Model}, widths {string.Join("-", cfg.Base.Widths)}, bottleneck {cfg.Base.Bottleneck}"),
        ("factors s", string.Join(", ", cfg.Factors)),
        ("rules", string.Join(", ", cfg.Rules.Select(r => r.Name()))),
        ("seeds", string.Join(", ", cfg.Seeds)),
        ("s = 1 reference seeds", cfg.ReferenceSeeds.Length > 0 ? string.Join(", ", cfg.ReferenceSeeds) : "none in this preset"),
        ("train / val images", $"{cfg.Base.TrainLimit?.ToString() ?? "all (367)"} / {cfg.Base.ValLimit?.ToString() ?? "all (101)"}"),
        ("samples", cfg.MaxCropHeight is null
            ? "whole images at 360/s × 480/s (area mean), padded to a multiple of 16 with void; random flip only"
            : $"images at 360/s × 480/s (area mean), padded to a multiple of 16 with void; at most {cfg.MaxCropHeight}×{cfg.MaxCropWidth} (larger ones: a random crop); random flip"),
        ("loss", "soft CE normalised by target mass (KeepMass); CE with ignore index for hard rules (equal on one-hot)"),
        ("optimiser", $"SGD lr {cfg.Base.LearningRate}, momentum {cfg.Base.Momentum}, weight decay {cfg.Base.WeightDecay}, poly {cfg.Base.PolyPower}, batch {cfg.Base.BatchSize}, {cfg.Base.Epochs} epochs"),
        ("evaluation", "val image at 1/s (area), logits bilinear to 360×480, argmax, mIoU (void excluded); final checkpoint"),
    ]);

    /// <summary>Every arm: val mIoU ("mean ± std" over the seeds; a number when every arm has one seed), its difference
    /// from nearest-centre at the same s, wall seconds per epoch and peak MiB (the process's working set); the s = 1
    /// reference last when the preset trains it.</summary>
    public static Frame<int, string> Arms(SoftLabelTrainingResult r)
    {
        // One column, one type: text as soon as any row has a spread to show.
        bool spread = r.Config.Seeds.Length > 1 || r.ReferenceRuns.Length > 1;
        object Score(SoftLabelArm a) => spread ? a.Text : Math.Round(a.MeanIoU, 2);
        var rows = r.Arms().Select(a =>
        {
            var nc = r.Config.Rules.Contains(LabelDownsampling.NearestCentre) ? r.Arm(a.Factor, LabelDownsampling.NearestCentre) : null;
            return (IReadOnlyList<object?>)[a.Factor, $"{360 / a.Factor}×{480 / a.Factor}", a.Rule.Name(), Score(a),
                nc is null ? null : Math.Round(a.MeanIoU - nc.MeanIoU, 2), Math.Round(a.SecondsPerEpoch, 1), Math.Round(a.PeakWorkingSetMiB)];
        }).ToList();
        if (r.Reference is { } reference)
            rows.Add([1, "360×480", "reference (hard)", Score(reference), null, Math.Round(reference.SecondsPerEpoch, 1), Math.Round(reference.PeakWorkingSetMiB)]);
        return Table.FromRows(["s", "train size", "rule", "val mIoU", "Δ vs nearest-centre", "s / epoch", "peak MiB"], rows);
    }

    /// <summary>The comparisons of the spec at every s: the difference A − B over seeds with its 95 % Student-t interval
    /// (paired by seed) and, for the two the paper claims (soft over nearest-centre), the verdict of "A beats B" by the
    /// kit's rule against δ = <see cref="SoftLabelTrainingVerdict.Margin"/> mIoU (papers README, Verdicts), which NB07's
    /// verdict takes at the largest s.</summary>
    public static Frame<int, string> Comparisons(SoftLabelTrainingResult r)
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
        return Table.FromRows(["difference", "what it isolates", "s", "Δ mIoU [95% interval]", "A beats B?"], rows);
    }

    /// <summary>Val IoU per class (mean over seeds, one decimal) of every rule at factor <paramref name="s"/> (default:
    /// the largest), classes from the smallest train pixel share (in %) to the largest.</summary>
    public static Frame<int, string> PerClass(SoftLabelTrainingResult r, int? s = null)
    {
        var at = s ?? r.Config.Factors.Max();
        var arms = r.Config.Rules.Select(rule => r.Arm(at, rule)).ToArray();
        return Table.FromRows(new[] { "class", "train share %" }.Concat(arms.Select(a => a.Rule.Name())).ToArray(),
            r.ClassesByShare().Select(c => (IReadOnlyList<object?>)new object?[] { r.ClassNames[c], Math.Round(100 * r.ClassPixelShare[c], 2) }
                .Concat(arms.Select(a => (object?)Math.Round(a.PerClassIoU[c], 1))).ToArray()));
    }
}
