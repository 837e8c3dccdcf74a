using ResearchKit.Claims;
using ResearchKit.Experiments.BlockAnnotation;
using Kit = ResearchKit.Experiments.BlockAnnotation.BlockAnnotation;

namespace ResearchKit.Tests.Experiments.BlockAnnotation;

// Expected intervals, seed counts and Spearman values: scipy (stats.t, stats.spearmanr), printed by
// data-scripts/goldens_spectral_verdicts.py. Tile counts and the combinations: by hand.
public sealed class BlockAnnotationVerdictTests
{
    private static readonly double[] Dense = [40.0, 41.0, 42.5];
    private static readonly double[] Held = [0.1, -0.2, 0.3], Held4 = [0.2, -0.1, 0.0], Lost = [-3, -2.5, -3.2], Lost4 = [-5, -4, -6],
        Open = [0.5, -1.5, 1.0], SmallLoss = [-0.1, -0.3, -0.2], SmallGain = [0.5, 0.4, 0.6];

    // NB01's e_b(K*(0.95) = 24) of the Paper run (NB05's table), b = 2, 4, 8.
    private static readonly Dictionary<int, double> BlockErrors = new() { [1] = 0, [2] = 0.0034, [4] = 0.0105, [8] = 0.0370 };
    private static double E(int b) => BlockErrors.TryGetValue(b, out var e) ? e : double.NaN;

    /// <summary>Dense runs at <see cref="Dense"/> over seeds 0..n−1, each block size at dense plus its per-seed differences.</summary>
    private static BlockRun[] Runs(params (int B, double[] Differences)[] arms) =>
    [
        .. Dense.Take(arms[0].Differences.Length).Select((v, seed) => new BlockRun(1, seed, "hash", "commit", v, 0, 0)),
        .. arms.SelectMany(a => a.Differences.Select((d, seed) => new BlockRun(a.B, seed, "hash", "commit", Dense[seed] + d, 0, 0))),
    ];

    [Fact]
    public void OneSeed_IsInconclusive_AndSoIsItsSpearman()
    {
        // The single-seed losses −0.5, −0.3, +2.0 rise with e_b (ρ = +1), but one seed per arm decides nothing.
        var v = BlockAnnotationVerdict.Of(Runs((2, [0.5]), (4, [0.3]), (8, [-2.0])), E);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal([Outcome.Inconclusive, Outcome.Inconclusive, Outcome.Reproduced, Outcome.Inconclusive], v.Parts!.Select(p => p.Outcome));
        Assert.Contains("one seed gives no interval", v.Parts![0].Evidence);
        Assert.Equal("Spearman(e_b, loss) = +1.00 over b = 2, 4, 8, from one seed per arm: the losses' seed noise is unmeasured; run at least 2 seeds per arm", v.Parts[3].Evidence);
    }

    [Fact]
    public void NoLossUpToFour_AndALossRisingWithTheBlockError_IsReproduced()
    {
        var v = BlockAnnotationVerdict.Of(Runs((2, Held), (4, Held4), (8, Lost)), E);
        Assert.Equal(Outcome.Reproduced, v.Outcome);
        Assert.Equal("4 parts: 4 reproduced", v.Evidence);
        Assert.Equal(-0.558494281294422, v.Parts![0].Estimate!.Lower, 9);
        Assert.Equal(0.412791636707280, v.Parts[1].Estimate!.Upper, 9);
        Assert.Equal("the check holds: (H·W) / ((H/4)·(W/4)) = 16 (172,800 / 10,800 = 16×)", v.Parts[2].Evidence);
        // Losses −0.067, −0.033, +2.9 against e_b 0.0034, 0.0105, 0.0370: ρ = +1.
        Assert.Equal("the check holds: Spearman(e_b, loss) > 0 over b = 2, 4, 8 (+1.00)", v.Parts[3].Evidence);
    }

    [Fact]
    public void ARealLossAtTwo_IsContradicted()
    {
        var v = BlockAnnotationVerdict.Of(Runs((2, Lost), (4, Held4), (8, Lost4)), E);
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        Assert.Equal(Outcome.Contradicted, v.Parts![0].Outcome);
        Assert.Equal(-2.004331410463356, v.Parts[0].Estimate!.Upper, 9); // wholly below −1
        Assert.Equal(Outcome.Reproduced, v.Parts[3].Outcome); // losses 2.9, −0.033, 5.0: ρ = +0.5
    }

    [Fact]
    public void ALossThatFallsWithTheBlockError_LeavesItInconclusive_ForRhoOnSeedMeansCarriesNoInterval()
    {
        // Losses +0.2, −0.067, −0.5 against rising e_b: ρ = −1 (scipy), the spec's "Spearman ≤ 0". ρ is computed on
        // seed means of losses that are all within noise here, so it is not evidence against P4 by itself.
        var v = BlockAnnotationVerdict.Of(Runs((2, SmallLoss), (4, Held), (8, SmallGain)), E);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal([Outcome.Reproduced, Outcome.Reproduced, Outcome.Reproduced, Outcome.Inconclusive], v.Parts!.Select(p => p.Outcome));
        Assert.Equal(0.048413771184375, v.Parts![0].Estimate!.Upper, 9);
        Assert.StartsWith("the check fails: Spearman(e_b, loss) > 0 over b = 2, 4, 8 (−1.00); not evidence against the claim", v.Parts[3].Evidence);
    }

    [Fact]
    public void AWideIntervalAtTwo_IsInconclusive_AndSaysHowManySeedsWouldDecide()
    {
        var v = BlockAnnotationVerdict.Of(Runs((2, Open), (4, Held4), (8, Lost)), E);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal(3.286205303987801, v.Parts![0].Estimate!.Upper, 9);
        Assert.Equal(10, v.Parts[0].SeedsToDecide);
        Assert.Equal([Outcome.Inconclusive, Outcome.Reproduced, Outcome.Reproduced, Outcome.Reproduced], v.Parts.Select(p => p.Outcome));
    }

    [Fact]
    public void SmokesBlockSizes_LeaveBFourAndTheSpearmanUntested()
    {
        // Smoke trains b = 1, 2, 8: no b = 4 arm, and two block sizes give no rank correlation.
        var v = BlockAnnotationVerdict.Of(Runs((2, Held), (8, Lost)), E);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal([Outcome.Reproduced, Outcome.Inconclusive, Outcome.Reproduced, Outcome.Inconclusive], v.Parts!.Select(p => p.Outcome));
        Assert.Equal("no arm at b = 4: this part of the claim is untested on this preset", v.Parts![1].Evidence);
        Assert.StartsWith("Spearman is undefined over b = 2, 8", v.Parts[3].Evidence);
    }

    [Fact]
    public void Spearman_IsMathNetsWithAverageRanks_MatchingScipy()
    {
        Assert.Equal(1.0, Kit.Spearman([1, 2, 3, 4], [10, 20, 30, 40]), 12);
        Assert.Equal(-1.0, Kit.Spearman([1, 2, 3], [3, 2, 1]), 12);
        Assert.Equal(0.948683298051, Kit.Spearman([1, 2, 2, 3], [1, 2, 3, 4]), 11); // x ranks 1, 2.5, 2.5, 4
        Assert.Equal(0.729996395088, Kit.Spearman([1, 1, 2, 3, 5], [2, 1, 1, 4, 4]), 11); // ties in both series
        // NB05's Paper run: e_b at b = 2..40 against the recorded losses gives the 0.14 its notebook reports.
        Assert.Equal(0.142857142857, Kit.Spearman([0.0034, 0.0105, 0.0370, 0.0695, 0.1521, 0.2371], [1.58, 0.71, 0.89, 0.20, 0.81, 1.92]), 11);
    }

    [Fact]
    public void Spearman_IsNaN_ForFewerThanThreePairsOrAConstantSeries()
    {
        Assert.True(double.IsNaN(Kit.Spearman([1, 2], [1, 2])));
        Assert.True(double.IsNaN(Kit.Spearman([1, 2, 3], [5, 5, 5])));
        Assert.True(double.IsNaN(Kit.Spearman([4, 4, 4], [1, 2, 3])));
        Assert.Throws<ArgumentException>(() => Kit.Spearman([1, 2, 3], [1, 2]));
    }
}
