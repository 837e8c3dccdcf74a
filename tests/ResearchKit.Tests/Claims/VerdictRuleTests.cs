using ResearchKit.Claims;

namespace ResearchKit.Tests.Claims;

public class VerdictRuleTests
{
    private static readonly EffectClaim Gain = new("A beats B", "val mIoU, A − B", ClaimKind.Increase, 1.0);
    private static readonly EffectClaim Loss = new("A loses to B", "val mIoU, A − B", ClaimKind.Decrease, 1.0);
    private static readonly EffectClaim NotWorse = new("A is at least as good as B", "val mIoU, A − B", ClaimKind.NotWorse, 1.0);
    private static readonly EffectClaim NoLoss = new("A keeps B's accuracy", "val mIoU, A − B", ClaimKind.NoLoss, 1.0);

    /// <summary>Arm B at 50 on seeds 0..n-1, arm A at 50 + the given per-seed differences (paired by seed).</summary>
    private static (List<(int, double)> A, List<(int, double)> B) Paired(params double[] differences) =>
        (differences.Select((d, i) => (i, 50 + d)).ToList(), differences.Select((_, i) => (i, 50.0)).ToList());

    private static Verdict Judge(EffectClaim claim, params double[] differences)
    {
        var (a, b) = Paired(differences);
        return VerdictRule.Judge(claim, a, b);
    }

    [Fact]
    public void OneSeed_IsInconclusive_HoweverLargeTheDifference()
    {
        foreach (var claim in new[] { Gain, Loss, NoLoss, NotWorse })
        {
            var v = Judge(claim, 20.0);
            Assert.Equal(Outcome.Inconclusive, v.Outcome);
            Assert.False(v.Estimate!.HasInterval);
            Assert.Equal(20.0, v.Estimate.Mean, 12);
            Assert.Null(v.SeedsToDecide);
            Assert.Contains("at least 2 seeds", v.Evidence);
        }
    }

    [Fact]
    public void ThreePairedSeeds_ClearGain_IsReproduced_WithTheStudentTInterval()
    {
        var v = Judge(Gain, 3, 2.5, 3.2);
        Assert.Equal(Outcome.Reproduced, v.Outcome);
        Assert.True(v.Estimate!.Paired);
        Assert.Equal(3, v.Estimate.Seeds);
        // scipy: mean ± t(0.975, 2) · sd / √3
        Assert.Equal(2.004331410463356, v.Estimate.Lower, 9);
        Assert.Equal(3.795668589536644, v.Estimate.Upper, 9);
    }

    [Fact]
    public void ThreePairedSeeds_GainOnTheWrongSide_IsContradicted()
    {
        var v = Judge(Gain, -3, -2.5, -3.2);
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        Assert.Contains("wrong side of 0", v.Evidence);
    }

    [Fact]
    public void ARealGainSmallerThanAnyEffectOfInterest_IsContradicted()
    {
        var v = Judge(Gain, 0.2, 0.25, 0.3); // interval [0.126, 0.374]: above 0, but rules out 1.0
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        Assert.Equal(0.12579311440781238, v.Estimate!.Lower, 9);
        Assert.Contains("rules out an effect of 1.0", v.Evidence);
    }

    [Fact]
    public void ThreePairedSeeds_WideInterval_IsInconclusive_AndSaysHowManySeedsWouldDecide()
    {
        var v = Judge(Gain, 1, 3, 5); // [-1.97, 7.97]; 3 - t(n-1)·2/√n > 0 first at n = 5 (scipy: 0.52; n = 4: -0.18)
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal(-1.9682754236875057, v.Estimate!.Lower, 9);
        Assert.Equal(5, v.SeedsToDecide);
        Assert.Contains("about 5 seeds per arm", v.Evidence);
    }

    [Fact]
    public void DecreaseClaims_AreTheMirrorOfIncreaseClaims()
    {
        Assert.Equal(Outcome.Reproduced, Judge(Loss, -3, -2.5, -3.2).Outcome);
        Assert.Equal(Outcome.Contradicted, Judge(Loss, 3, 2.5, 3.2).Outcome);
        Assert.Equal(Outcome.Contradicted, Judge(Loss, -0.2, -0.25, -0.3).Outcome);
        var open = Judge(Loss, -1, -3, -5);
        Assert.Equal(Outcome.Inconclusive, open.Outcome);
        Assert.Equal(5, open.SeedsToDecide);
    }

    [Fact]
    public void NoLossClaims_AreDecidedAgainstTheBand()
    {
        var held = Judge(NoLoss, 0.1, -0.2, 0.3); // [-0.56, 0.69] inside ±1
        Assert.Equal(Outcome.Reproduced, held.Outcome);
        Assert.Equal(0.691827614627755, held.Estimate!.Upper, 9);
        var lost = Judge(NoLoss, -3, -2.5, -3.2); // [-3.80, -2.00], wholly below -1
        Assert.Equal(Outcome.Contradicted, lost.Outcome);
        Assert.Contains("a real loss", lost.Evidence);
        // A clear gain is no loss, but not "within ±1" either: no number of seeds makes it reproduced or contradicted.
        var gained = Judge(NoLoss, 3, 2.5, 3.2);
        Assert.Equal(Outcome.Inconclusive, gained.Outcome);
        Assert.Null(gained.SeedsToDecide);
        var open = Judge(NoLoss, 0.5, -1.5, 1.0); // mean 0, sd 1.32: within ±1 from n = 10 on (t(9)·1.32/√10 = 0.95)
        Assert.Equal(Outcome.Inconclusive, open.Outcome);
        Assert.Equal(10, open.SeedsToDecide);
    }

    [Fact]
    public void ArmsWithDifferentSeeds_UseWelchsInterval()
    {
        List<(int, double)> a = [(0, 50), (1, 54), (2, 46)], b = [(3, 49), (4, 51), (5, 47.5), (6, 48)];
        var e = VerdictRule.Estimate(a, b);
        Assert.False(e.Paired);
        Assert.Equal(3, e.Seeds);
        // scipy: Welch–Satterthwaite df = 2.454, mean 1.125
        Assert.Equal(1.125, e.Mean, 12);
        Assert.Equal(-7.699916285626649, e.Lower, 8);
        Assert.Equal(9.94991628562665, e.Upper, 8);
        Assert.Equal(Outcome.Inconclusive, VerdictRule.Judge(Gain, a, b).Outcome);
    }

    [Fact]
    public void ArmsWithDifferentSeeds_ClearlyApart_AreDecided()
    {
        List<(int, double)> a = [(0, 55), (1, 55.5), (2, 54.5)], b = [(3, 50), (4, 50.4), (5, 49.6)];
        Assert.Equal(Outcome.Reproduced, VerdictRule.Judge(Gain, a, b).Outcome);
        Assert.Equal(Outcome.Contradicted, VerdictRule.Judge(Gain, b, a).Outcome);
    }

    [Fact]
    public void BadInput_IsRefusedWithTheClaimNamed()
    {
        var (a, b) = Paired(1, 2);
        var e = Assert.Throws<ArgumentException>(() => VerdictRule.Judge(Gain with { Margin = 0 }, a, b));
        Assert.Contains("A beats B", e.Message);
        Assert.Throws<ArgumentException>(() => VerdictRule.Judge(Gain, [(0, 1), (0, 2)], b));
        Assert.Throws<ArgumentException>(() => VerdictRule.Estimate([(0, double.NaN), (1, 2)], b));
        Assert.Throws<ArgumentException>(() => VerdictRule.Judge(Gain, [], b));
    }

    [Fact]
    public void ExactVerdicts_FollowTheirChecks()
    {
        Assert.Equal(Outcome.Reproduced, Verdict.Exact("rules", [("a", "1", true), ("b", "2", true)]).Outcome);
        var failed = Verdict.Exact("rules", [("a", "1", true), ("b", "2", false)]);
        Assert.Equal(Outcome.Contradicted, failed.Outcome);
        Assert.Contains("1 of 2 checks fail: b (2)", failed.Evidence);
        Assert.Throws<ArgumentException>(() => Verdict.Exact("rules", []));
    }

    [Fact]
    public void CombinedVerdicts_NeedEveryPart()
    {
        Verdict R = Judge(Gain, 3, 2.5, 3.2), C = Judge(Gain, -3, -2.5, -3.2), I = Judge(Gain, 1, 3, 5);
        Assert.Equal(Outcome.Reproduced, Verdict.AllOf("all", [R, R]).Outcome);
        Assert.Equal(Outcome.Contradicted, Verdict.AllOf("all", [R, C, I]).Outcome);
        var mixed = Verdict.AllOf("all", [R, I]);
        Assert.Equal(Outcome.Inconclusive, mixed.Outcome);
        Assert.Equal("2 parts: 1 reproduced, 1 inconclusive", mixed.Evidence);
        Assert.Equal(2, mixed.Parts!.Count);
    }

    [Fact]
    public void AVerdictDisplays_AsATableAndAsJsonTheRunnerCanCollect()
    {
        var v = Verdict.AllOf("both", [Judge(Gain, 3, 2.5, 3.2), Verdict.Exact("rules", [("a", "1", true)])]);
        var bundle = v.ToDisplayData();
        var json = bundle[Verdict.MimeType]!.AsObject();
        Assert.Equal("reproduced", (string?)json["outcome"]);
        Assert.Equal(2, json["parts"]!.AsArray().Count);
        Assert.Equal(3, (int)json["parts"]![0]!["estimate"]!["seeds"]!);
        Assert.Contains("verdict: reproduced — both", (string?)bundle["text/plain"]);
        Assert.Equal(2, v.ToTable().RowCount);
    }

    [Fact]
    public void NotWorseClaims_AcceptAnyGain_AndAreContradictedOnlyByARealLoss()
    {
        Assert.Equal(Outcome.Reproduced, Judge(NotWorse, 3, 2.5, 3.2).Outcome);   // [2.00, 3.80]
        Assert.Equal(Outcome.Reproduced, Judge(NotWorse, 0.1, -0.2, 0.3).Outcome); // [-0.56, 0.69]
        Assert.Equal(Outcome.Contradicted, Judge(NotWorse, -3, -2.5, -3.2).Outcome);
        var open = Judge(NotWorse, 1, 3, 5); // [-1.97, 7.97]: 3 - t(n-1)·2/√n > -1 first at n = 4 (scipy: t(3) = 3.182, 3 - 3.18 = -0.18)
        Assert.Equal(Outcome.Inconclusive, open.Outcome);
        Assert.Equal(4, open.SeedsToDecide);
    }

    [Fact]
    public void HeadedVerdicts_AreContradictedOnlyThroughTheirHeadline()
    {
        Verdict R = Judge(Gain, 3, 2.5, 3.2), C = Judge(Gain, -3, -2.5, -3.2), I = Judge(Gain, 1, 3, 5);
        Assert.Equal(Outcome.Reproduced, Verdict.Headed("h", R, [R, R]).Outcome);
        Assert.Equal(Outcome.Inconclusive, Verdict.Headed("h", R, [R, C]).Outcome);
        Assert.Equal(Outcome.Inconclusive, Verdict.Headed("h", I, [R]).Outcome);
        var contradicted = Verdict.Headed("h", C, [R]);
        Assert.Equal(Outcome.Contradicted, contradicted.Outcome);
        Assert.Equal("headline contradicted; 1 of 1 conditions reproduced", contradicted.Evidence);
        Assert.Equal(2, contradicted.Parts!.Count);
    }

    [Fact]
    public void ArmsSharingSomeSeeds_ArePairedOnThoseSeeds_AndTheOthersLeftOut()
    {
        // Paired on seeds 0..2: differences 1.2, 1.1, 1.3 → [0.95, 1.45] (scipy); B's extra seed 3 would make it Welch.
        List<(int, double)> a = [(0, 50), (1, 54), (2, 46)], b = [(0, 48.8), (1, 52.9), (2, 44.7), (3, 50.0)];
        var e = VerdictRule.Estimate(a, b);
        Assert.True(e.Paired);
        Assert.Equal(3, e.Seeds);
        Assert.Equal(1.2, e.Mean, 9);
        Assert.Equal(Outcome.Reproduced, VerdictRule.Judge(Gain, a, b).Outcome);
    }

    [Fact]
    public void UnpairedArmsOfDifferentSizes_ReportBothSeedCounts()
    {
        List<(int, double)> a = [(0, 50), (1, 54), (2, 46)], b = [(10, 48.8), (11, 52.9), (12, 44.7), (13, 50.0), (14, 49.0)];
        var e = VerdictRule.Estimate(a, b);
        Assert.False(e.Paired);
        Assert.Equal((3, 5), (e.Seeds, e.SeedsOther!.Value));
        Assert.EndsWith(", 3 and 5 seeds", e.ToString());
        Assert.Null(VerdictRule.Estimate(a, [(10, 1.0), (11, 2.0), (12, 3.0)]).SeedsOther);
    }

    [Fact]
    public void ANonFiniteMetric_LeavesTheClaimUntested_NamingTheRun()
    {
        List<(int, double)> a = [(0, 50), (1, double.NaN), (2, 46)], b = [(0, 48.8), (1, 52.9), (2, 44.7)];
        foreach (var claim in new[] { Gain, NoLoss, NotWorse })
        {
            var v = VerdictRule.Judge(claim, a, b);
            Assert.Equal(Outcome.Inconclusive, v.Outcome);
            Assert.Equal("untested: the metric is not finite in arm A seed 1 (NaN) (a diverged run?)", v.Evidence);
            Assert.Null(v.Estimate);
        }
    }

    [Fact]
    public void NoVariationAcrossSeeds_IsInconclusive_NotAZeroWidthInterval()
    {
        // e.g. a thin-class mIoU of 0 in every run of both arms.
        List<(int, double)> zeros = [(0, 0.0), (1, 0.0), (2, 0.0)];
        foreach (var claim in new[] { Gain, NoLoss, NotWorse })
        {
            var v = VerdictRule.Judge(claim, zeros, zeros);
            Assert.Equal(Outcome.Inconclusive, v.Outcome);
            Assert.Contains("no variation across seeds", v.Evidence);
        }
    }
}
