using ResearchKit.Claims;
using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;

namespace ResearchKit.Tests.Experiments.LabelSpectra;

public sealed class LabelSpectraChecksTests
{
    private static readonly LabelSpectraResult Smoke =
        ResearchKit.Experiments.LabelSpectra.LabelSpectra.Run(LabelSpectraConfig.Smoke, CamVid.Open(DataPaths.CamVid));

    [Fact]
    public void SmokeSubset_ChecksOnlyLowFrequencyDominance_AndItHolds()
    {
        var checks = LabelSpectraChecks.Evaluate(Smoke);
        Assert.Equal(Smoke.Grid.Length, checks.Checks.Count);
        Assert.True(checks.AllPass);
    }

    [Fact]
    public void WhiteNoiseLikeLabels_AreReportedAsContradicted()
    {
        // E(s) equal to the band's share is what white-noise labels would give: the claim's contradiction.
        var noise = Smoke with { Grid = Smoke.Grid.Select(g => g with { EnergyRatio = g.BandShare }).ToArray() };
        var checks = LabelSpectraChecks.Evaluate(noise);
        Assert.All(checks.Checks, c => Assert.False(c.Pass));
        Assert.Throws<InvalidOperationException>(() => checks.AssertAll());
    }

    [Fact]
    public void Verdict_OnASubset_IsInconclusive_ThoughDominanceIsReproduced()
    {
        var v = LabelSpectraChecks.Verdict(Smoke);
        Assert.Equal(Outcome.Inconclusive, v.Outcome);
        Assert.Equal([Outcome.Reproduced, Outcome.Inconclusive, Outcome.Inconclusive], v.Parts!.Select(p => p.Outcome));
        Assert.Contains("full 367/101 splits only", v.Parts![1].Evidence);
    }

    [Fact]
    public void Verdict_IsContradicted_ByWhiteNoiseLikeLabels_AndOpenInBetween()
    {
        var noise = Smoke with { Grid = Smoke.Grid.Select(g => g with { EnergyRatio = g.BandShare }).ToArray() };
        Assert.Equal(Outcome.Contradicted, LabelSpectraChecks.Verdict(noise).Outcome);
        Assert.Contains("1.0×", LabelSpectraChecks.Verdict(noise).Parts![0].Evidence);
        // 2× the band's share everywhere: neither far above it (≥ 3×) nor white-noise-like (< 1.5×).
        var between = Smoke with { Grid = Smoke.Grid.Select(g => g with { EnergyRatio = 2 * g.BandShare }).ToArray() };
        Assert.Equal(Outcome.Inconclusive, LabelSpectraChecks.Verdict(between).Parts![0].Outcome);
    }
}
