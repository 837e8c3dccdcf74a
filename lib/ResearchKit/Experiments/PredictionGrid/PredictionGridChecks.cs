using ResearchKit.Metrics;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Plots;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>NB03's check cell and its verdict by the spec's criterion (adapted to the finest trainable s).</summary>
public static class PredictionGridChecks
{
    /// <summary>What must hold on any preset: every arm trained every seed with finite scores, and no arm's decoder
    /// costs more than the finest arm's.</summary>
    public static CheckList Evaluate(PredictionGridResult r)
    {
        var checks = new CheckList("NB03 prediction grid");
        var arms = GridArm.Of(r);
        checks.Equal("runs", r.Runs.Length, r.Config.GridFactors.Length * r.Config.Seeds.Length);
        checks.Add("every run has a finite val mIoU", string.Join(", ", r.Runs.Select(x => x.MeanIoU.ToString("0.0"))), "finite", r.Runs.All(x => double.IsFinite(x.MeanIoU)));
        // Not monotone in s: r is the largest of 1, 2, 4, 8 dividing s/f, so s/f = 3 runs its decoder at r = 1 again.
        checks.Add("no arm's decoder + head costs more than the finest arm's", string.Join(", ", arms.Select(a => $"s={a.GridFactor}: {a.DecoderMacs / 1e6:0.0}")),
            $"≤ {arms[0].DecoderMacs / 1e6:0.0} MMACs", arms.All(a => a.DecoderMacs <= arms[0].DecoderMacs));
        return checks;
    }

    /// <summary>The difference of arm <paramref name="a"/> from the reference counts as real if it exceeds 1.0 mIoU and both seed stds.</summary>
    public static bool RealDrop(GridArm reference, GridArm a) => SeedStats.IsReal(reference.MeanIoU - a.MeanIoU, reference.StdIoU, a.StdIoU);

    /// <summary>Reproduced if every s ≤ s*(0.95) stays within the noise band of the finest arm and the arms beyond s*(0.90)
    /// drop for real; contradicted if an arm at s ≤ s*(0.95) drops for real; inconclusive if nothing drops even at the
    /// largest s; otherwise (a drop only between the cut-offs) inconclusive as well.</summary>
    public static (string Verdict, string Reason) Verdict(PredictionGridResult r, LabelSpectraResult spectra)
    {
        var arms = GridArm.Of(r);
        var reference = arms[0];
        double s95 = spectra.Cutoff(0.95).GridFactor, s90 = spectra.Cutoff(0.90).GridFactor;
        var inside = arms.Skip(1).Where(a => a.GridFactor <= s95).ToArray();
        var beyond = arms.Where(a => a.GridFactor > s90).ToArray();
        var band = $"reference s = {reference.GridFactor}: {reference.MeanIoU:0.00}";
        var insideText = string.Join(", ", inside.Select(a => $"s = {a.GridFactor}: {a.MeanIoU - reference.MeanIoU:+0.00;-0.00}"));
        var beyondText = string.Join(", ", beyond.Select(a => $"s = {a.GridFactor}: {a.MeanIoU - reference.MeanIoU:+0.00;-0.00}"));
        var reason = $"{band}; inside s*(0.95) = {s95:0.#}: {(insideText.Length > 0 ? insideText : "no arm")}; beyond s*(0.90) = {s90:0.#}: {(beyondText.Length > 0 ? beyondText : "no arm")}";
        if (r.Config.Seeds.Length < 2) return ("inconclusive (one seed per arm: no noise band to judge by)", reason);
        if (inside.Any(a => RealDrop(reference, a))) return ("contradicted", reason);
        if (!arms.Skip(1).Any(a => RealDrop(reference, a))) return ("inconclusive (nothing drops)", reason);
        if (beyond.Length > 0 && beyond.All(a => RealDrop(reference, a))) return ("reproduced", reason);
        return ("inconclusive", reason);
    }

    /// <summary>The verdict as a one-row table.</summary>
    public static HtmlTable VerdictTable(PredictionGridResult r, LabelSpectraResult spectra)
    {
        var (verdict, reason) = Verdict(r, spectra);
        return new(["verdict", "why"], [[verdict, reason]],
            "A difference is real if it exceeds 1.0 mIoU and both arms' seed stds (spec §4); reference = the finest trainable s");
    }
}
