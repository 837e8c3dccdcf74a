using ResearchKit.Claims;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>NB03's check cell and its verdict by the spec's criterion (adapted to the finest trainable s).</summary>
public static class PredictionGridChecks
{
    /// <summary>The smallest effect of interest δ in mIoU points (spectral spec §4: 1.0).</summary>
    public const double Margin = EffectClaim.DefaultMargin;

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

    /// <summary>NB03's verdict on <paramref name="r"/> with NB01's cut-offs s*(0.95) and s*(0.90) of the same preset.</summary>
    public static Claims.Verdict Verdict(PredictionGridResult r, LabelSpectraResult spectra) =>
        Verdict(r.Runs, spectra.Cutoff(0.95).GridFactor, spectra.Cutoff(0.90).GridFactor);

    /// <summary>P2 by the verdict rule, effects paired by seed against the reference, the finest s of
    /// <paramref name="runs"/> (the spec's s = 1; s = f when training at 1/f of 360×480): every other arm with
    /// s ≤ <paramref name="s95"/> keeps the reference's mIoU (<see cref="ClaimKind.NoLoss"/>) and every arm with
    /// s &gt; <paramref name="s90"/> loses mIoU against it (<see cref="ClaimKind.Decrease"/>); all must hold
    /// (<see cref="Claims.Verdict.AllOf"/>).</summary>
    /// <remarks>A group with no arm is an inconclusive part that says so: half of the claim untested is not a pass.
    /// The spec's only contradiction is a real loss inside s*(0.95); "nothing drops even at s = 40" is its inconclusive
    /// case (the grid never binds), so a beyond-s*(0.90) drop that the interval rules out makes its part inconclusive,
    /// never contradicted. Arms between the cut-offs are not judged; the evidence names them.</remarks>
    public static Claims.Verdict Verdict(IReadOnlyList<GridRun> runs, double s95, double s90)
    {
        if (runs.Count == 0) throw new ArgumentException("NB03 verdict: no runs to judge", nameof(runs));
        var factors = runs.Select(x => x.GridFactor).Distinct().Order().ToArray();
        var reference = factors[0];
        var inside = factors.Skip(1).Where(s => s <= s95).ToArray();
        var beyond = factors.Skip(1).Where(s => s > s90).ToArray();
        var between = factors.Skip(1).Where(s => s > s95 && s <= s90).ToArray();
        var (noLoss, drop) = ($"no loss up to s*(0.95) = {s95:0.#}", $"a loss beyond s*(0.90) = {s90:0.#}");
        List<Claims.Verdict> parts =
        [
            .. inside.Length > 0 ? inside.Select(s => Judge(runs, s, reference, ClaimKind.NoLoss))
                : [Untested(noLoss, $"no arm between the reference s = {reference} and s*(0.95) = {s95:0.#}")],
            .. beyond.Length > 0 ? beyond.Select(s => NeverBinds(Judge(runs, s, reference, ClaimKind.Decrease)))
                : [Untested(drop, $"no arm beyond s*(0.90) = {s90:0.#}")],
        ];
        var v = Claims.Verdict.AllOf($"P2: {noLoss} and {drop} (reference s = {reference})", parts);
        return between.Length == 0 ? v : v with { Evidence = $"{v.Evidence}; not judged (between the cut-offs): s = {string.Join(", ", between)}" };
    }

    private static Claims.Verdict Judge(IReadOnlyList<GridRun> runs, int s, int reference, ClaimKind kind)
    {
        var claim = new EffectClaim(kind == ClaimKind.NoLoss ? $"s = {s} keeps the mIoU of s = {reference}" : $"s = {s} loses mIoU against s = {reference}",
            $"val mIoU, s = {s} − s = {reference}", kind, Margin);
        return VerdictRule.Judge(claim, Seeds(runs, s), Seeds(runs, reference));
    }

    private static Claims.Verdict NeverBinds(Claims.Verdict drop) => drop.Outcome != Outcome.Contradicted ? drop
        : drop with { Outcome = Outcome.Inconclusive, Evidence = drop.Evidence + "; no drop beyond s*(0.90) means the grid never binds here: the spec's inconclusive case, not evidence against P2" };

    private static List<(int Seed, double Value)> Seeds(IReadOnlyList<GridRun> runs, int s) =>
        runs.Where(x => x.GridFactor == s).Select(x => (x.Seed, x.MeanIoU)).ToList();

    private static Claims.Verdict Untested(string claim, string why) =>
        new(claim, Outcome.Inconclusive, $"{why}: this part of the claim is untested on this preset");
}
