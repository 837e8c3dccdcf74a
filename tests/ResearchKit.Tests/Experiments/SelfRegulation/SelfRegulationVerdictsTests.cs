using ResearchKit.Claims;
using ResearchKit.Experiments.SelfRegulation;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.SelfRegulation;

/// <summary>NB08/NB09 verdicts on constructed runs (no training): each branch of the one rule with three paired seeds.</summary>
public sealed class SelfRegulationVerdictsTests
{
    private static SrRun Run(string arm, int seed, double miou, double thin = 5, double interior = 0.05, long testMacs = 1000) =>
        new(arm, seed, "hash", "commit", false, "", miou, new double[11], thin, interior, [miou], [], [], 1, 1, 2000, testMacs, 500);

    /// <summary>Seeds 0..2 per arm; <paramref name="miou"/> and the optional metrics map arm -> per-seed values.</summary>
    private static SelfRegulationResult Result(Dictionary<string, double[]> miou, Dictionary<string, double[]>? thin = null,
        Dictionary<string, double[]>? interior = null, long paperTestMacs = 1000)
    {
        var runs = SrArm.All.SelectMany(a => Enumerable.Range(0, 3).Select(s => Run(a.Name, s,
            miou.TryGetValue(a.Name, out var m) ? m[s] : 40,
            thin is not null && thin.TryGetValue(a.Name, out var t) ? t[s] : 5,
            interior is not null && interior.TryGetValue(a.Name, out var i) ? i[s] : 0.05,
            a.Name == "Paper" ? paperTestMacs : 1000))).ToArray();
        var cfg = SelfRegulationConfig.Smoke with { Seeds = [0, 1, 2] };
        return new(cfg, RunManifest.Start("test", cfg, 0), new string[11], [], new long[11], runs);
    }

    private static readonly double[] Mea = [44.45, 42.05, 40.22];

    [Fact]
    public void Ablation_IsReproduced_WhenPaperClearlyBeatsMeaOnly_AndNoConditionFails()
    {
        var v = SelfRegulationVerdicts.Ablation(Result(new()
        {
            ["MeaOnly"] = Mea, ["Paper"] = [47.45, 44.55, 43.42], // +3.0, +2.5, +3.2: [2.00, 3.80] (scipy)
            ["Baseline"] = [41.5, 41.1, 36.44], ["FeatureOnly"] = [44.65, 41.85, 40.32], ["LogitOnly"] = [44.25, 42.25, 40.12],
        }));
        Assert.Equal(Outcome.Reproduced, v.Outcome);
        Assert.Equal(2.004331410463356, v.Parts![0].Estimate!.Lower, 9);
        Assert.Equal(4, v.Parts.Count);
    }

    [Fact]
    public void Ablation_OfThePreviousEnginesPaperSeeds_IsInconclusive_NotContradicted()
    {
        // NB08's Paper run (previous engine): Paper − MeaOnly = −1.04, −2.36, −0.14 → −1.18 [−3.95, +1.59] (scipy).
        var v = SelfRegulationVerdicts.Ablation(Result(new()
        {
            ["MeaOnly"] = Mea, ["Paper"] = [43.41, 39.69, 40.08], ["Baseline"] = [41.50, 41.10, 36.44],
            ["FeatureOnly"] = [43.30, 40.24, 39.80], ["LogitOnly"] = [43.94, 41.05, 40.68],
        }));
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        var headline = v.Parts![0];
        Assert.Equal(-1.18, headline.Estimate!.Mean, 9);
        Assert.Equal(-3.9537931079492754, headline.Estimate.Lower, 9);
        Assert.Equal(1.5937931079492713, headline.Estimate.Upper, 9);
        Assert.NotNull(headline.SeedsToDecide);
    }

    [Fact]
    public void Ablation_IsContradicted_WhenPaperIsClearlyBelowMeaOnly_AndNotByAConditionAlone()
    {
        var below = SelfRegulationVerdicts.Ablation(Result(new() { ["MeaOnly"] = Mea, ["Paper"] = [41.45, 39.55, 37.02] }));
        Assert.Equal(Outcome.Contradicted, below.Outcome);
        // A single-term arm clearly below MeaOnly fails a condition: inconclusive, never contradicted (spec §5, NB08).
        var condition = SelfRegulationVerdicts.Ablation(Result(new()
        {
            ["MeaOnly"] = Mea, ["Paper"] = [47.45, 44.55, 43.42], ["Baseline"] = [43.45, 41.55, 39.72], ["FeatureOnly"] = [41.45, 39.55, 37.02], ["LogitOnly"] = [44.25, 42.25, 40.12],
        }));
        Assert.Equal(Outcome.Inconclusive, condition.Outcome);
        Assert.Equal(Outcome.Contradicted, condition.Parts![2].Outcome);
    }

    [Fact]
    public void Diagnostics_FollowTheTwoEffects_AndTheExactCost()
    {
        Dictionary<string, double[]> thinGain = new() { ["MeaOnly"] = [2, 3, 4], ["FeatureOnly"] = [5, 5.5, 7.2] };
        Dictionary<string, double[]> interiorDrop = new() { ["MeaOnly"] = [0.06, 0.07, 0.08], ["LogitOnly"] = [0.03, 0.045, 0.048] };
        Assert.Equal(Outcome.Reproduced, SelfRegulationVerdicts.Diagnostics(Result(new(), thinGain, interiorDrop)).Outcome);

        // Both intervals on the wrong side: contradicted.
        Dictionary<string, double[]> thinLoss = new() { ["MeaOnly"] = [5, 5.5, 7.2], ["FeatureOnly"] = [2, 3, 4] };
        Dictionary<string, double[]> interiorRise = new() { ["MeaOnly"] = [0.03, 0.045, 0.048], ["LogitOnly"] = [0.06, 0.07, 0.08] };
        Assert.Equal(Outcome.Contradicted, SelfRegulationVerdicts.Diagnostics(Result(new(), thinLoss, interiorRise)).Outcome);

        // One effect shown, the other not ruled out: inconclusive.
        Assert.Equal(Outcome.Inconclusive, SelfRegulationVerdicts.Diagnostics(Result(new(), thinGain, interiorRise)).Outcome);

        // A test-time cost that differs from the Baseline's contradicts the zero-overhead claim whatever the effects.
        var costly = SelfRegulationVerdicts.Diagnostics(Result(new(), thinGain, interiorDrop, paperTestMacs: 1200));
        Assert.Equal(Outcome.Contradicted, costly.Outcome);
        Assert.Contains("Paper: test-time MACs", costly.Parts![2].Evidence);
    }

    [Fact]
    public void Diagnostics_IsContradicted_WhenEachTermHelpsOnlyTheOtherFailuresMetric()
    {
        // The feature term lowers interior confusion and the logit term raises thin-class mIoU; neither helps its own.
        Dictionary<string, double[]> thin = new() { ["MeaOnly"] = [2, 3, 4], ["FeatureOnly"] = [4, 1, 5.5], ["LogitOnly"] = [5, 5.5, 7.2] };
        Dictionary<string, double[]> interior = new()
        {
            ["MeaOnly"] = [0.06, 0.07, 0.08], ["FeatureOnly"] = [0.03, 0.045, 0.048], ["LogitOnly"] = [0.075, 0.055, 0.09],
        };
        var v = SelfRegulationVerdicts.Diagnostics(Result(new(), thin, interior));
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        Assert.Equal([Outcome.Inconclusive, Outcome.Inconclusive, Outcome.Reproduced, Outcome.Reproduced, Outcome.Reproduced],
            v.Parts!.Select(p => p.Outcome));
        Assert.EndsWith("(each term helps only the other failure's metric)", v.Evidence);

        // The same cross effects next to a term that does help its own metric are not a swap.
        thin["FeatureOnly"] = [5, 5.5, 7.2];
        Assert.Equal(Outcome.Inconclusive, SelfRegulationVerdicts.Diagnostics(Result(new(), thin, interior)).Outcome);
    }
}
