using ResearchKit.Claims;
using ResearchKit.Experiments.PredictionGrid;

namespace ResearchKit.Tests.Experiments.PredictionGrid;

// Expected intervals and seed counts: scipy, printed by data-scripts/goldens_spectral_verdicts.py (paired 95 % Student-t).
public sealed class PredictionGridChecksTests
{
    // CamVid's cut-offs (spectral spec §3.5): s*(0.95) = 7.5, s*(0.90) = 20.
    private const double S95 = 7.5, S90 = 20;
    private static readonly double[] Reference = [40.0, 41.0, 42.5];

    /// <summary>The reference s at <see cref="Reference"/> over seeds 0..n−1, and each other arm at the reference plus its
    /// per-seed differences (so every effect is paired by seed).</summary>
    private static GridRun[] Runs(int reference, params (int S, double[] Differences)[] arms) =>
    [
        .. Reference.Take(arms.Length > 0 ? arms[0].Differences.Length : 3).Select((v, seed) => Run(reference, seed, v)),
        .. arms.SelectMany(a => a.Differences.Select((d, seed) => Run(a.S, seed, Reference[seed] + d))),
    ];

    private static GridRun Run(int s, int seed, double miou) => new(s, 1, seed, "hash", "commit", false, miou, 0, [], 0, 0, 0);

    [Fact]
    public void OneSeedPerArm_IsInconclusive_WhateverTheDifferences()
    {
        var v = PredictionGridChecks.Verdict(Runs(1, (2, [-8.0]), (24, [-20.0])), S95, S90);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.All(v.Leaves(), p => Assert.Equal(Outcome.Inconclusive, p.Outcome));
        Assert.All(v.Leaves(), p => Assert.Contains("one seed gives no interval", p.Evidence));
        Assert.Equal(-20.0, v.Parts![1].Estimate!.Mean, 12);
    }

    [Fact]
    public void NoLossInsideTheCutoff_AndALossBeyondIt_OverThreePairedSeeds_IsReproduced()
    {
        var v = PredictionGridChecks.Verdict(Runs(1, (2, [0.1, -0.2, 0.3]), (24, [-3, -2.5, -3.2]), (40, [-5, -4, -6])), S95, S90);
        Assert.Equal(Outcome.Reproduced, v.Outcome);
        Assert.Equal("P2: no loss up to s*(0.95) = 7.5 and a loss beyond s*(0.90) = 20 (reference s = 1)", v.Claim);
        Assert.Equal("3 parts: 3 reproduced", v.Evidence);
        Assert.Equal("s = 2 keeps the mIoU of s = 1: val mIoU, s = 2 − s = 1 within ±1.0 mIoU points", v.Parts![0].Claim);
        Assert.True(v.Parts[0].Estimate!.Paired);
        Assert.Equal(-0.558494281294422, v.Parts[0].Estimate!.Lower, 9);
        Assert.Equal(0.691827614627755, v.Parts[0].Estimate!.Upper, 9);
        Assert.Equal(-3.795668589536644, v.Parts[1].Estimate!.Lower, 9);
        Assert.Equal(-2.004331410463356, v.Parts[1].Estimate!.Upper, 9);
        Assert.Equal(-2.515862288156247, v.Parts[2].Estimate!.Upper, 9);
    }

    [Fact]
    public void ARealLossInsideTheCutoff_IsContradicted()
    {
        var v = PredictionGridChecks.Verdict(Runs(1, (2, [-3, -2.5, -3.2]), (24, [-3, -2.5, -3.2])), S95, S90);
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        Assert.Equal(Outcome.Contradicted, v.Parts![0].Outcome); // [−3.80, −2.00], wholly below −1
        Assert.Contains("a real loss", v.Parts[0].Evidence);
        Assert.Equal(Outcome.Reproduced, v.Parts[1].Outcome);
    }

    [Fact]
    public void NothingDropsBeyondTheCutoff_EvenWithATightInterval_IsInconclusive_AsTheSpecSays()
    {
        // s = 24 gains [+0.13, +0.37]: the interval rules out a drop, but "nothing drops" is the spec's inconclusive case
        // (the grid never binds), not evidence against P2; only a real loss inside s*(0.95) contradicts it.
        var v = PredictionGridChecks.Verdict(Runs(1, (2, [0.1, -0.2, 0.3]), (24, [0.2, 0.25, 0.3])), S95, S90);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal([Outcome.Reproduced, Outcome.Inconclusive], v.Parts!.Select(p => p.Outcome));
        Assert.Equal(0.125793114407812, v.Parts![1].Estimate!.Lower, 9);
        Assert.Contains("the grid never binds", v.Parts[1].Evidence);
    }

    [Fact]
    public void WideIntervalsOverThreeSeeds_AreInconclusive_AndSayHowManySeedsWouldDecide()
    {
        var v = PredictionGridChecks.Verdict(Runs(1, (2, [0.5, -1.5, 1.0]), (24, [-1, -3, -5])), S95, S90);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal(-3.286205303987801, v.Parts![0].Estimate!.Lower, 9);
        Assert.Equal(10, v.Parts[0].SeedsToDecide);
        Assert.Equal(1.968275423687506, v.Parts[1].Estimate!.Upper, 9);
        Assert.Equal(5, v.Parts[1].SeedsToDecide);
    }

    [Fact]
    public void NoArmInsideTheCutoff_IsAnInconclusivePart_NotASilentPass()
    {
        // Training at f = 4 (Paper): the reference is s = 4 and no other arm lies inside s*(0.95) = 7.5.
        var v = PredictionGridChecks.Verdict(Runs(4, (8, [0, 0, 0]), (12, [0, 0, 0]), (24, [-3, -2.5, -3.2]), (40, [-5, -4, -6])), S95, S90);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal("no loss up to s*(0.95) = 7.5", v.Parts![0].Claim);
        Assert.Equal("no arm between the reference s = 4 and s*(0.95) = 7.5: this part of the claim is untested on this preset", v.Parts[0].Evidence);
        Assert.Equal([Outcome.Inconclusive, Outcome.Reproduced, Outcome.Reproduced], v.Parts.Select(p => p.Outcome));
        Assert.EndsWith("; not judged (between the cut-offs): s = 8, 12", v.Evidence);
    }

    [Fact]
    public void NoArmBeyondTheCutoff_IsAnInconclusivePart()
    {
        var v = PredictionGridChecks.Verdict(Runs(1, (2, [0.1, -0.2, 0.3])), S95, S90);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal("a loss beyond s*(0.90) = 20", v.Parts![1].Claim);
        Assert.StartsWith("no arm beyond s*(0.90) = 20", v.Parts[1].Evidence);
    }

    [Fact]
    public void NoRuns_AreRefusedWithTheNotebookNamed()
    {
        var e = Assert.Throws<ArgumentException>(() => PredictionGridChecks.Verdict([], S95, S90));
        Assert.StartsWith("NB03 verdict: no runs to judge", e.Message);
    }
}
