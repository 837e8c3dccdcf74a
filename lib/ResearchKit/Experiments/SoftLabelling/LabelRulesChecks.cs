using ResearchKit.Claims;
using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>NB06's check cell and verdict. The verdict rests on the spec's qualitative criteria (S2, S3 at the level of the
/// labels), exact on this run's labels; the implementation checks are the spec's worked example (§3.1) on every preset
/// and, on all 367 train labels, the spec's CamVid values (§3.3, computed independently with numpy).</summary>
public static class LabelRulesChecks
{
    /// <summary>The criteria, the spec §3.1 worked example, and the spec §3.3 values when all 367 labels were used.</summary>
    public static CheckList Evaluate(LabelRulesResult r)
    {
        var checks = Criteria(r, new CheckList("NB06 label down-sampling"));
        LabelRulesWorkedExample.AddChecks(checks);
        if (r.TrainImages == 367) AddReference(checks, r);
        return checks;
    }

    /// <summary>The claim NB06's verdict decides.</summary>
    public const string Claim = "Soft labels keep the class information hard rules lose (S2, S3 at the level of the labels)";

    /// <summary>NB06's computed verdict: reproduced if every criterion holds on this run's labels, contradicted if one
    /// fails (exact: no training, no seed; a failed criterion is a measured counter-example, not missing evidence);
    /// untested when the config leaves out what a criterion compares (then it could not fail).</summary>
    public static Verdict Verdict(LabelRulesResult r) => MissingForCriteria(r.Config) is { } missing
        ? Claims.Verdict.Untested(Claim, missing)
        : Claims.Verdict.Exact(Claim, Criteria(r, new CheckList("criteria")).Checks.Select(c => (c.Name, c.Measured, c.Pass)).ToArray());

    /// <summary>Why the criteria cannot all be tested on <paramref name="cfg"/> (each needs a soft and a hard rule, a
    /// mass-preserving soft rule for "coverage 1", and two factors for "falls as s grows"), or null when they can.</summary>
    public static string? MissingForCriteria(LabelRulesConfig cfg)
    {
        var missing = new List<string>();
        if (!cfg.Rules.Any(x => x.IsSoft())) missing.Add("no soft rule");
        if (!cfg.Rules.Any(x => !x.IsSoft())) missing.Add("no hard rule");
        if (!cfg.Rules.Any(x => x is LabelDownsampling.SoftBox or LabelDownsampling.SoftBilinearAA))
            missing.Add("neither soft-box nor soft-bilinear-aa (the coverage-1 criterion)");
        if (cfg.Factors.Distinct().Count() < 2) missing.Add("fewer than two factors (the falling-coverage criterion)");
        return missing.Count == 0 ? null : "the config has " + string.Join(", ", missing) + ", so a criterion could not fail";
    }

    private static CheckList Criteria(LabelRulesResult r, CheckList checks)
    {
        var soft = r.Config.Rules.Where(x => x.IsSoft()).ToArray();
        var hard = r.Config.Rules.Where(x => !x.IsSoft()).ToArray();
        foreach (var s in r.Config.Factors)
        {
            var (worstSoft, bestHard) = (soft.Max(x => r.Row(x, s).TvDistance), hard.Min(x => r.Row(x, s).TvDistance));
            checks.Add($"s={s}: every soft rule has lower D than every hard rule", $"max soft {worstSoft:0.0000}, min hard {bestHard:0.0000}",
                "max soft < min hard", worstSoft < bestHard);
        }
        foreach (var rule in soft.Where(x => x is LabelDownsampling.SoftBox or LabelDownsampling.SoftBilinearAA))
            foreach (var s in r.Config.Factors)
            {
                var lowest = r.Row(rule, s).Coverage.Where(double.IsFinite).Min();
                checks.Add($"{rule.Name()} s={s}: coverage 1 for every class", lowest.ToString("0.000"), "1.000", lowest >= 1 - 1e-12);
            }
        AddThinCoverageTrend(checks, r, hard);
        return checks;
    }

    private static void AddThinCoverageTrend(CheckList checks, LabelRulesResult r, LabelDownsampling[] hard)
    {
        var factors = r.Config.Factors.Order().ToArray();
        var rare = r.RareClasses();
        foreach (var rule in hard)
        {
            var means = factors.Select(s => rare.Average(c => r.Row(rule, s).Coverage[c])).ToArray();
            var falling = means.Zip(means.Skip(1)).All(p => p.Second < p.First);
            checks.Add($"{rule.Name()}: mean coverage of the 5 rarest classes falls as s grows",
                string.Join(" → ", means.Select(m => m.ToString("0.000"))), "strictly falling", falling);
        }
    }

    private static void AddReference(CheckList checks, LabelRulesResult r)
    {
        const double tol = LabelRulesReference.Tolerance;
        var pole = Array.IndexOf(r.ClassNames, "Pole");
        foreach (var (rule, v) in LabelRulesReference.Rows)
        {
            if (!r.Config.Rules.Contains(rule)) continue;
            foreach (var (s, i) in new[] { (2, 0), (4, 1), (8, 2) })
                if (r.Config.Factors.Contains(s)) checks.Near($"{rule.Name()} D({s})", r.Row(rule, s).TvDistance, v[i], tol);
            if (!r.Config.Factors.Contains(8)) continue;
            checks.Near($"{rule.Name()} Pole retention s=8", r.Row(rule, 8).Retention[pole], v[3], tol, "0.000");
            checks.Near($"{rule.Name()} Pole coverage s=8", r.Row(rule, 8).Coverage[pole], v[4], tol, "0.000");
        }
        if (!r.Config.Factors.Contains(8)) return;
        foreach (var (rule, v) in LabelRulesReference.ThinCoverage)
            for (var k = 0; k < v.Length; k++)
            {
                var name = LabelRulesReference.ThinCoverageClasses[k];
                checks.Near($"{rule.Name()} {name} coverage s=8", r.Row(rule, 8).Coverage[Array.IndexOf(r.ClassNames, name)], v[k], tol, "0.000");
            }
    }
}
