using ResearchKit.Claims;
using ResearchKit.Experiments.FeatureTruncation;
using ResearchKit.Spectral;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.FeatureTruncation;

// Expected intervals and seed counts: scipy, printed by data-scripts/goldens_spectral_verdicts.py (paired 95 % Student-t).
// MAC falls and the combinations: by hand.
public sealed class TruncationVerdictTests
{
    private const TruncationOperator Area = TruncationOperator.AreaDownsample, Spectral = TruncationOperator.SpectralCrop;
    private static readonly TruncationOperator[] Both = [Area, Spectral];
    private static readonly double[] Plain = [40.0, 41.0, 42.5];
    private static readonly long[] Quadratic = [400, 100, 25], TinyUNet = [455, 369, 262];

    /// <summary>Runs as FeatureTruncation.Run lists them: t = 1 under both operators' names, then t = 2 and 4 per operator
    /// at t = 1's value plus the per-seed differences, decoder MMACs at t = 1, 2, 4; plus a test-only arm far below
    /// everything, which the verdict must ignore.</summary>
    private static TruncationRun[] Runs(long[] macs, (double[] Two, double[] Four) area, (double[] Two, double[] Four) spectral)
    {
        var seeds = area.Two.Length;
        TruncationRun Run(int t, TruncationOperator op, int seed, double miou, bool testOnly = false) =>
            new(t, op, testOnly, seed, "hash", "commit", miou, 0, macs[t == 1 ? 0 : t == 2 ? 1 : 2] * 1_000_000, 0, 0, 0);
        return
        [
            .. Both.SelectMany(op => Enumerable.Range(0, seeds).Select(s => Run(1, op, s, Plain[s]))),
            .. new[] { (Area, area), (Spectral, spectral) }.SelectMany(x => Enumerable.Range(0, seeds).SelectMany(s =>
                new[] { Run(2, x.Item1, s, Plain[s] + x.Item2.Two[s]), Run(4, x.Item1, s, Plain[s] + x.Item2.Four[s]) })),
            .. Both.SelectMany(op => Enumerable.Range(0, seeds).Select(s => Run(2, op, s, 10, testOnly: true))),
        ];
    }

    private static readonly double[] Held = [0.1, -0.2, 0.3], Held4 = [0.2, -0.1, 0.0], Lost = [-3, -2.5, -3.2], Lost4 = [-5, -4, -6], Open = [0.5, -1.5, 1.0];

    [Fact]
    public void OneSeed_IsInconclusive_EvenWithTheMacsFallingQuadratically()
    {
        var v = TruncationVerdict.Of(Runs(Quadratic, ([-8.0], [-8.0]), ([-8.0], [-8.0])), Both);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal([Outcome.Inconclusive, Outcome.Inconclusive], v.Parts!.Select(o => o.Outcome));
        // Per operator: two one-seed effects (no interval) and the exact MAC check, which holds.
        Assert.Equal([Outcome.Inconclusive, Outcome.Inconclusive, Outcome.Reproduced], v.Parts![0].Parts!.Select(p => p.Outcome));
        Assert.Contains("one seed gives no interval", v.Parts![0].Parts![0].Evidence);
        Assert.StartsWith("none of 2 operators reproduces it and not all are contradicted", v.Evidence);
    }

    [Fact]
    public void AStrideBeyondTheCutoffAtNativeResolution_IsUntested_NotJudged()
    {
        // Trained at 1/3 of native (Quick): t = 2 is native s = 6 ≤ s*(0.95) = 7.5, t = 4 is s = 12 beyond it, so a real
        // loss at t = 4 is no evidence against the claim; t = 2 is still judged.
        var v = TruncationVerdict.Of(Runs(Quadratic, (Held, Lost4), (Held, Lost4)), Both, factor: 3, sStar: 7.5);
        var area = v.Parts![0].Parts!;
        Assert.Equal([Outcome.Reproduced, Outcome.Inconclusive, Outcome.Reproduced], area.Select(p => p.Outcome));
        Assert.Equal("untested: trained at 1/3 resolution, t = 4 is native s = 12, beyond s*(0.95) = 7.5, where the claim does not apply", area[1].Evidence);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        // At native resolution the same runs contradict both operators (a real loss at t = 4).
        Assert.Equal(Outcome.Contradicted, TruncationVerdict.Of(Runs(Quadratic, (Held, Lost4), (Held, Lost4)), Both).Outcome);
    }

    [Fact]
    public void ADecoderWhosePlainStrideIsFour_PredictsOnFourTimesTheGrid_SoItsTwoIsJudgedOnlyAtNativeResolution()
    {
        // DeepLabV3+'s plain decoder runs at stride 4, so its t = 2 predicts on stride 8 of the input: at 1/3 of native
        // that is s = 24, beyond s*(0.95) = 7.5, and even a real loss there is no evidence against the claim.
        var v = TruncationVerdict.Of(Runs(Quadratic, (Lost, Lost4), (Lost, Lost4)), Both, factor: 3, sStar: 7.5, plainStride: 4);
        var area = v.Parts![0].Parts!;
        Assert.Equal([Outcome.Inconclusive, Outcome.Inconclusive, Outcome.Reproduced], area.Select(p => p.Outcome));
        Assert.Equal("untested: trained at 1/3 resolution with the plain decoder at stride 4, t = 2 is native s = 24, beyond s*(0.95) = 7.5, " +
                     "where the claim does not apply", area[0].Evidence);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        // With the plain stride of TinyUNet (1), the same runs lose at t = 2 = s 6, inside the cut-off: contradicted.
        Assert.Equal(Outcome.Contradicted, TruncationVerdict.Of(Runs(Quadratic, (Lost, Lost4), (Lost, Lost4)), Both, factor: 3, sStar: 7.5).Outcome);
    }

    [Fact]
    public void FeatureTruncationConfig_NamesThePlainDecoderStrideOfEachNetwork()
    {
        Assert.Equal(1, FeatureTruncationConfig.Paper.PlainDecoderStride);
        Assert.Equal(4, FeatureTruncationConfig.ForDeepLab(Preset.Paper).PlainDecoderStride);
    }

    [Fact]
    public void OneOperatorWithoutLoss_AndDecoderMacsFallingQuadratically_IsReproduced()
    {
        var v = TruncationVerdict.Of(Runs(Quadratic, (Held, Held4), (Lost, Lost4)), Both);
        Assert.Equal(Outcome.Reproduced, v.Outcome);
        Assert.StartsWith("1 of 2 operators reproduce it: AreaDownsample keeps the mIoU of t = 1 at t = 2 and 4 with ≈ t²-fold fewer decoder MACs: reproduced (3 parts: 3 reproduced)", v.Evidence);
        var area = v.Parts![0].Parts!;
        Assert.True(area[0].Estimate!.Paired); // the test-only arm (10 mIoU) was not taken as t = 2
        Assert.Equal(-0.558494281294422, area[0].Estimate!.Lower, 9);
        Assert.Equal(0.412791636707280, area[1].Estimate!.Upper, 9);
        Assert.Equal("all 2 checks hold: decoder MACs fall ≥ 2× at t = 2 (4.0×); decoder MACs fall ≥ 8× at t = 4 (16.0×)", area[2].Evidence);
        Assert.Equal(Outcome.Contradicted, v.Parts[1].Outcome); // SpectralCrop loses; "for some operator" still holds
    }

    [Fact]
    public void BothOperatorsLosingARealAmountAtTwo_IsContradicted()
    {
        var v = TruncationVerdict.Of(Runs(Quadratic, (Lost, Held4), (Lost, Held4)), Both);
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        Assert.StartsWith("all 2 operators are contradicted", v.Evidence);
        Assert.All(v.Parts!, o => Assert.Equal(Outcome.Contradicted, o.Parts![0].Outcome));
        Assert.Equal(-2.004331410463356, v.Parts![1].Parts![0].Estimate!.Upper, 9); // wholly below −1
    }

    [Fact]
    public void DecoderMacsFallingFarLessThanTSquared_LeaveItInconclusive_NotContradicted()
    {
        // TinyUNet's shape: only the decoder levels finer than t get cheaper (455 / 369 = 1.2×, 455 / 262 = 1.7×). That
        // is where this network spends its MACs, not evidence about accuracy: the claim stays open, never contradicted.
        var v = TruncationVerdict.Of(Runs(TinyUNet, (Held, Held4), (Held, Held4)), Both);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        var area = v.Parts![0].Parts!;
        Assert.Equal([Outcome.Reproduced, Outcome.Reproduced, Outcome.Inconclusive], area.Select(p => p.Outcome));
        Assert.StartsWith("2 of 2 checks fail: decoder MACs fall ≥ 2× at t = 2 (1.2×); decoder MACs fall ≥ 8× at t = 4 (1.7×)", area[2].Evidence);
    }

    [Fact]
    public void AnOpenIntervalForOneOperator_AndALossForTheOther_IsInconclusive()
    {
        var v = TruncationVerdict.Of(Runs(Quadratic, (Open, Held4), (Lost, Lost4)), Both);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        var open = v.Parts![0].Parts![0];
        Assert.Equal(Outcome.Inconclusive, open.Outcome);
        Assert.Equal(-3.286205303987801, open.Estimate!.Lower, 9);
        Assert.Equal(10, open.SeedsToDecide);
        Assert.Equal(Outcome.Contradicted, v.Parts[1].Outcome);
    }

    [Fact]
    public void AStrideWithNoTrainedArm_IsAnInconclusivePart()
    {
        var runs = Runs(Quadratic, (Held, Held4), (Held, Held4)).Where(x => x.Stride != 4).ToArray();
        var v = TruncationVerdict.OfOperator(runs, Area);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal("untested: no trained AreaDownsample arm at t = 4", v.Parts![1].Evidence);
        Assert.Equal("the check holds: decoder MACs fall ≥ 2× at t = 2 (4.0×)", v.Parts[2].Evidence);
    }

    [Fact]
    public void ForSomeOperator_IsReproducedByAny_AndContradictedOnlyByEvery()
    {
        Verdict R = new("r", Outcome.Reproduced, ""), C = new("c", Outcome.Contradicted, ""), I = new("i", Outcome.Inconclusive, "");
        Assert.Equal(Outcome.Reproduced, TruncationVerdict.ForSomeOperator("p", [C, R]).Outcome);
        Assert.Equal(Outcome.Reproduced, TruncationVerdict.ForSomeOperator("p", [I, R]).Outcome);
        Assert.Equal(Outcome.Contradicted, TruncationVerdict.ForSomeOperator("p", [C, C]).Outcome);
        Assert.Equal(Outcome.Inconclusive, TruncationVerdict.ForSomeOperator("p", [C, I]).Outcome);
        Assert.Equal(Outcome.Inconclusive, TruncationVerdict.ForSomeOperator("p", [I, I]).Outcome);
        Assert.Equal(2, TruncationVerdict.ForSomeOperator("p", [C, I]).Parts!.Count);
        Assert.Throws<ArgumentException>(() => TruncationVerdict.ForSomeOperator("p", []));
    }
}
