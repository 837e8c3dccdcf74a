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
}
