using ResearchKit.Claims;
using ResearchKit.Labels;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>NB07's verdict (soft-labelling spec 4/NB07) by the kit's one rule (<see cref="VerdictRule"/>; papers README,
/// "Verdicts"): the spec's criteria as the parts of one <see cref="Verdict.AllOf"/>.</summary>
/// <remarks>
/// S2/S4 at the largest s, over seeds: for soft-box and soft-bilinear-aa, "beats nearest-centre" is an
/// <see cref="ClaimKind.Increase"/> claim (δ = 1.0 mIoU) on the seeds' val mIoU, paired by seed. Its contradicted branch
/// is the spec's "Contradicted if": the interval rules out a gain of δ, or lies below 0 (nearest-centre really higher).
/// S1 (nearest-centre falls as s grows), S2/S4's "at least as high at every s" and "a gap that grows with s", and S3
/// (the five rarest classes gain more) are conditions the spec puts on reproduced; they are checked on seed means and
/// carry no seed interval. So a failed one leaves the verdict inconclusive, never contradicted: the rule contradicts only
/// by an interval, and the spec's "Contradicted if" names only the gap at the largest s.
/// </remarks>
public static class SoftLabelTrainingVerdict
{
    /// <summary>The smallest effect of interest of NB07's claims, in mIoU points (the README default; the spec sets no other).</summary>
    public const double Margin = EffectClaim.DefaultMargin;

    private const LabelDownsampling Hard = LabelDownsampling.NearestCentre;
    private static readonly LabelDownsampling[] Soft = [LabelDownsampling.SoftBox, LabelDownsampling.SoftBilinearAA];

    /// <summary>Reproduced if every part is (S1, per soft rule: at least as high at every s, the gap grows with s and is
    /// a gain over seeds at the largest s; S3); contradicted if a soft rule's gain at the largest s is ruled out;
    /// otherwise inconclusive (one seed per arm always is: no interval).</summary>
    public static Verdict Of(SoftLabelTrainingResult r)
    {
        var rules = r.Config.Rules;
        if (!rules.Contains(Hard) || !rules.Contains(LabelDownsampling.SoftBox))
            throw new ArgumentException($"NB07 verdict: needs nearest-centre and soft-box among the rules (got {string.Join(", ", rules.Select(x => x.Name()))})");
        var factors = r.Config.Factors.Order().ToArray();
        var nc = factors.Select(s => r.Arm(s, Hard).MeanIoU).ToArray();
        var parts = new List<Verdict>
        {
            OnMeans($"S1: {Hard.Name()} mIoU falls as s grows", Steps(factors, nc, "0.00", (before, after) => after < before)),
        };
        foreach (var rule in Soft)
            parts.AddRange(rules.Contains(rule) ? SoftRule(r, factors, nc, rule)
                : [Verdict.Untested($"S2/S4: {rule.Name()} beats {Hard.Name()}", "this config does not train it")]);
        parts.Add(RareClasses(r, factors[^1]));
        return Verdict.AllOf($"Soft labels beat {Hard.Name()} at reduced resolution, more so as s grows and on rare classes (soft-labelling S1, S2/S4, S3)", parts);
    }

    /// <summary>"<paramref name="a"/> beats <paramref name="b"/> at factor <paramref name="s"/>": val mIoU a − b over
    /// seeds, an <see cref="ClaimKind.Increase"/> claim with δ = <see cref="Margin"/>.</summary>
    public static Verdict Gain(SoftLabelTrainingResult r, int s, LabelDownsampling a, LabelDownsampling b) =>
        VerdictRule.Judge(new EffectClaim($"{a.Name()} beats {b.Name()} at s = {s}", $"val mIoU, {a.Name()} − {b.Name()}",
            ClaimKind.Increase, Margin), r.MeanIoUBySeed(s, a), r.MeanIoUBySeed(s, b));

    private static IEnumerable<Verdict> SoftRule(SoftLabelTrainingResult r, int[] factors, double[] nc, LabelDownsampling rule)
    {
        var gaps = factors.Select((s, i) => r.Arm(s, rule).MeanIoU - nc[i]).ToArray();
        yield return OnMeans($"S2/S4: {rule.Name()} ≥ {Hard.Name()} at every s",
            factors.Zip(gaps, (s, g) => ($"s = {s}", $"{g:+0.00;−0.00}", g >= 0)).ToArray());
        yield return OnMeans($"S2/S4: {rule.Name()}'s gap over {Hard.Name()} grows with s",
            Steps(factors, gaps, "+0.00;−0.00", (before, after) => after > before));
        var gain = Gain(r, factors[^1], rule, Hard);
        yield return gain with { Claim = "S2/S4: " + gain.Claim };
    }

    private static Verdict RareClasses(SoftLabelTrainingResult r, int s)
    {
        var (soft, hard) = (r.Arm(s, LabelDownsampling.SoftBox), r.Arm(s, Hard));
        var rare = r.RareClasses();
        var others = r.ClassesByShare().Except(rare).ToArray();
        // Only the rare classes either arm learns count: one at IoU 0 in both would add +0.00 to the rare mean and make
        // "beats the others' mean" vacuous; none learned at all leaves S3 untested.
        var learned = rare.Where(c => soft.PerClassIoU[c] > 0 || hard.PerClassIoU[c] > 0).ToArray();
        if (learned.Length == 0)
            return Verdict.Untested($"S3: at s = {s}, the {rare.Length} rarest classes gain more than the others",
                $"neither {LabelDownsampling.SoftBox.Name()} nor {Hard.Name()} learns them (IoU 0 in both arms)");
        double Gain(int c) => soft.PerClassIoU[c] - hard.PerClassIoU[c];
        var (rareGain, otherGain) = (learned.Average(Gain), others.Length > 0 ? others.Average(Gain) : double.NaN);
        var names = string.Join(", ", learned.Select(c => r.ClassNames[c]));
        return OnMeans($"S3: at s = {s}, mean ΔIoU ({LabelDownsampling.SoftBox.Name()} − {Hard.Name()}) of the rare classes an arm learns ({names}) exceeds the others'",
            [("rarest vs others", $"{rareGain:+0.00;−0.00} vs {otherGain:+0.00;−0.00}", rareGain > otherGain)]);
    }

    /// <summary>A condition the spec states on seed means, judged exactly on them (<see cref="Verdict.Exact"/>): it
    /// carries no seed interval, so where a check fails the part is inconclusive (not contradicted), and with nothing to
    /// check (one factor) it is untested, inconclusive.</summary>
    private static Verdict OnMeans(string claim, IReadOnlyList<(string Check, string Measured, bool Holds)> checks)
    {
        claim += " (seed means, no interval)";
        return checks.Count == 0 ? Verdict.Untested(claim, "one factor gives no trend across s")
            : Verdict.Exact(claim, checks, onFail: Outcome.Inconclusive);
    }

    /// <summary>One check per step between consecutive factors: "s = 4 → 8", the two values, whether the step holds.</summary>
    private static (string, string, bool)[] Steps(int[] factors, double[] values, string format, Func<double, double, bool> holds) =>
        Enumerable.Range(1, factors.Length - 1).Select(i => ($"s = {factors[i - 1]} → {factors[i]}",
            $"{values[i - 1].ToString(format)} → {values[i].ToString(format)}", holds(values[i - 1], values[i]))).ToArray();
}
