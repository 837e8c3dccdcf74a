using ResearchKit.Claims;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>The verdicts of NB08 and NB09 by the spec's criteria (self-regulation spec §5) under the one verdict rule
/// (<see cref="VerdictRule"/>: 95 % Student-t intervals over seeds, paired by seed; δ = 1.0 mIoU, and 1.0 percentage
/// point for the interior-confusion rate, which the spec gives no other margin for).</summary>
public static class SelfRegulationVerdicts
{
    /// <summary>The smallest effect of interest, in mIoU points and in points of interior confusion.</summary>
    public const double Margin = EffectClaim.DefaultMargin;

    /// <summary>NB08 (R3, R4 accuracy): headline "Paper beats MeaOnly"; conditions "Paper is at least as good as
    /// Baseline" and "neither single-term arm is worse than MeaOnly". Contradicted only through the headline (its
    /// interval below zero, or wholly below δ), as the spec says.</summary>
    public static Verdict Ablation(SelfRegulationResult r)
    {
        var headline = Judge(r, "Paper beats MeaOnly", "Paper", "MeaOnly", ClaimKind.Increase, x => x.MeanIoU, "val mIoU");
        Verdict[] conditions =
        [
            Judge(r, "Paper is at least as good as Baseline", "Paper", "Baseline", ClaimKind.NotWorse, x => x.MeanIoU, "val mIoU"),
            Judge(r, "FeatureOnly is not worse than MeaOnly", "FeatureOnly", "MeaOnly", ClaimKind.NotWorse, x => x.MeanIoU, "val mIoU"),
            Judge(r, "LogitOnly is not worse than MeaOnly", "LogitOnly", "MeaOnly", ClaimKind.NotWorse, x => x.MeanIoU, "val mIoU"),
        ];
        return Verdict.Headed("Self-regulation raises mIoU over the multi-exit baseline (R3, R4)", headline, conditions);
    }

    /// <summary>NB09 (R1/R2 attribution, R4 overhead): reproduced if the feature term really raises thin-class mIoU, the
    /// logit term really lowers interior confusion, and test-time MACs and parameters, counted by hooks while the
    /// evaluated forward runs, equal Baseline's exactly. Contradicted if the test-time cost differs, if the intervals
    /// rule out that either term helps its own failure metric, or if they show each term helping only the other
    /// failure's metric (the feature term really lowers interior confusion and the logit term really raises thin-class
    /// mIoU, while neither is shown to help its own): the attribution swapped. Otherwise inconclusive. The two cross
    /// effects are judged by the same rule and listed after the three parts.</summary>
    public static Verdict Diagnostics(SelfRegulationResult r)
    {
        var thin = Judge(r, "the feature term raises thin-class mIoU", "FeatureOnly", "MeaOnly", ClaimKind.Increase, x => x.ThinMeanIoU, "thin-class mIoU");
        var interior = Judge(r, "the logit term lowers interior confusion", "LogitOnly", "MeaOnly", ClaimKind.Decrease,
            x => 100 * x.InteriorConfusion, "interior confusion", "points");
        var overhead = TestTimeOverhead(r);
        var crossFeature = Judge(r, "cross effect: the feature term lowers interior confusion", "FeatureOnly", "MeaOnly", ClaimKind.Decrease,
            x => 100 * x.InteriorConfusion, "interior confusion", "points");
        var crossLogit = Judge(r, "cross effect: the logit term raises thin-class mIoU", "LogitOnly", "MeaOnly", ClaimKind.Increase,
            x => x.ThinMeanIoU, "thin-class mIoU");
        bool swapped = crossFeature.Outcome == Outcome.Reproduced && crossLogit.Outcome == Outcome.Reproduced
                       && thin.Outcome != Outcome.Reproduced && interior.Outcome != Outcome.Reproduced;
        Verdict[] own = [thin, interior, overhead];
        var outcome = overhead.Outcome == Outcome.Contradicted || swapped
                      || (thin.Outcome == Outcome.Contradicted && interior.Outcome == Outcome.Contradicted) ? Outcome.Contradicted
            : own.All(p => p.Outcome == Outcome.Reproduced) ? Outcome.Reproduced : Outcome.Inconclusive;
        var evidence = $"feature term on thin classes {thin.Word}; logit term on interior confusion {interior.Word}; test-time overhead {overhead.Word}" +
                       $"; cross effects: feature term on interior confusion {crossFeature.Word}, logit term on thin classes {crossLogit.Word}" +
                       (swapped ? " (each term helps only the other failure's metric)" : "");
        return new Verdict("Each term fixes its own failure at no test-time cost (R1, R2, R4)", outcome, evidence,
            Parts: [thin, interior, overhead, crossFeature, crossLogit]);
    }

    /// <summary>Exact: every run's test-time MACs and parameters (hook-counted on the evaluated forward) equal Baseline's.</summary>
    public static Verdict TestTimeOverhead(SelfRegulationResult r)
    {
        var baseline = r.Of("Baseline")[0];
        var checks = r.Config.Arms.Select(a => a.Name).Where(n => n != "Baseline").Select(n =>
        {
            var runs = r.Of(n);
            var same = runs.All(x => x.TestMacsPerImage == baseline.TestMacsPerImage && x.TestParameters == baseline.TestParameters);
            return ($"{n}: test-time MACs and parameters equal Baseline's",
                string.Join("; ", runs.Select(x => $"{x.TestMacsPerImage:N0} MACs, {x.TestParameters:N0} parameters").Distinct()) +
                $" vs {baseline.TestMacsPerImage:N0}, {baseline.TestParameters:N0}", same);
        }).ToArray();
        return Verdict.Exact("Zero test-time overhead (counted by hooks on the evaluated forward)", checks);
    }

    private static Verdict Judge(SelfRegulationResult r, string statement, string a, string b, ClaimKind kind,
        Func<SrRun, double> value, string metric, string unit = "mIoU points") =>
        VerdictRule.Judge(new EffectClaim(statement, $"{metric}, {a} − {b}", kind, Margin, unit),
            r.Of(a).Select(x => (x.Seed, value(x))).ToList(), r.Of(b).Select(x => (x.Seed, value(x))).ToList());
}
