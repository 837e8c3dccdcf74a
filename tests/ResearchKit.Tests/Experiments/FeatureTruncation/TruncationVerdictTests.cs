using ResearchKit.Experiments.FeatureTruncation;
using ResearchKit.Spectral;

namespace ResearchKit.Tests.Experiments.FeatureTruncation;

public sealed class TruncationVerdictTests
{
    private static readonly TruncationOperator[] Both = [TruncationOperator.AreaDownsample, TruncationOperator.SpectralCrop];

    // Trained arms t = 1, 2, 4 for both operators with the given mIoU (std 1.5 each) and decoder MMACs at t = 1, 2, 4.
    private static TruncationArm[] Arms(double plain, (double two, double four) area, (double two, double four) spectral, long[] macs)
    {
        TruncationArm Arm(int t, TruncationOperator op, double miou) =>
            new(t, op, false, 3, miou, 1.5, 0, macs[t == 1 ? 0 : t == 2 ? 1 : 2] * 1_000_000, 0, 0);
        return
        [
            Arm(1, Both[0], plain), Arm(2, Both[0], area.two), Arm(4, Both[0], area.four),
            Arm(1, Both[1], plain), Arm(2, Both[1], spectral.two), Arm(4, Both[1], spectral.four),
            new(2, Both[0], true, 3, 10, 0, 0, macs[1] * 1_000_000, 0, 0), // a test-only arm is not judged
        ];
    }

    [Fact]
    public void NoRealLoss_AndDecoderMacsFallingQuadratically_IsReproduced()
    {
        var v = TruncationVerdict.Of(Arms(40, (39.0, 38.6), (35, 30), [400, 100, 25]), Both, 3);
        Assert.Equal("reproduced", v.Verdict);
        Assert.True(v.Operators[0].AccuracyHolds);
        Assert.False(v.Operators[1].AccuracyHolds);
        Assert.Equal([4.0, 16.0], v.Operators[0].Strides.Select(x => x.MacsFall));
    }

    [Fact]
    public void NoRealLoss_ButDecoderMacsFallingLittle_IsInconclusive_AndSaysWhy()
    {
        // TinyUNet's shape: only the decoder levels finer than t get cheaper.
        var v = TruncationVerdict.Of(Arms(40, (40.5, 39.5), (41, 40), [455, 369, 262]), Both, 3);
        Assert.Equal("inconclusive", v.Verdict);
        Assert.StartsWith("accuracy holds (AreaDownsample, SpectralCrop) but decoder MACs fall only 1.2× at t = 2 and 1.7× at t = 4, not ≈ t²", v.Reason);
    }

    [Fact]
    public void ARealLossAtTwoForBothOperators_IsContradicted_AndALossWithinTheLargerStdIsNot()
    {
        Assert.Equal("contradicted", TruncationVerdict.Of(Arms(40, (38.4, 36), (38.0, 35), [400, 100, 25]), Both, 3).Verdict);
        // 1.4 below t = 1 is within the larger std (1.5): not a real loss.
        Assert.Equal("reproduced", TruncationVerdict.Of(Arms(40, (38.6, 38.6), (38.0, 35), [400, 100, 25]), Both, 3).Verdict);
    }

    [Fact]
    public void OneSeed_IsInconclusive_WhateverTheNumbers()
    {
        var v = TruncationVerdict.Of(Arms(40, (40, 40), (40, 40), [400, 100, 25]), Both, 1);
        Assert.Equal("inconclusive", v.Verdict);
        Assert.StartsWith("one seed per arm", v.Reason);
    }
}
