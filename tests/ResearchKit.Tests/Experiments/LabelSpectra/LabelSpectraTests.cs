using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.LabelSpectra;

public sealed class LabelSpectraTests
{
    [Theory]
    [InlineData(1, 1.0)]
    [InlineData(2, 0.2524)]
    [InlineData(4, 0.0637)]
    [InlineData(8, 0.0159)]
    [InlineData(12, 0.0074)]
    [InlineData(24, 0.0018)]
    [InlineData(40, 0.0007)]
    public void BandShare_MatchesTheSpecTableForCamVid(int s, double share)
    {
        Assert.Equal(share, ResearchKit.Experiments.LabelSpectra.LabelSpectra.BandShare(360, 480, s), 4);
    }

    [Fact]
    public void SmokeRun_GivesConsistentSpectraCutoffsBlockErrorsAndOracle()
    {
        var cfg = LabelSpectraConfig.Smoke;
        var result = ResearchKit.Experiments.LabelSpectra.LabelSpectra.Run(cfg, CamVid.Open(DataPaths.CamVid));

        Assert.Equal((8, 8, 360, 480, 11), (result.TrainImages, result.ValImages, result.Height, result.Width, result.NumClasses));
        Assert.Equal(181, result.EnergyRatio.Length);
        Assert.Equal(1.0, result.EnergyRatio[^1], 6);
        Assert.All(result.EnergyRatio.Zip(result.EnergyRatio.Skip(1)), p => Assert.True(p.Second >= p.First - 1e-12));
        // Low-frequency dominance on real labels: every band holds far more energy than its share of the plane.
        Assert.All(result.Grid, g => Assert.True(g.EnergyRatio - g.BandShare > 0.5, $"s={g.Factor}"));
        var ks = result.Cutoffs.Select(c => c.K).ToArray();
        Assert.True(ks[0] <= ks[1] && ks[1] <= ks[2]);
        Assert.All(result.Cutoffs, c => Assert.Equal(360.0 / (2 * c.K), c.GridFactor, 9));
        Assert.All(result.Cutoffs, c => Assert.True(result.EnergyRatio[c.K] >= c.Tau && result.EnergyRatio[c.K - 1] < c.Tau));
        // Bigger blocks lose more of the low band; the oracle falls with the factor.
        Assert.True(result.BlockErrors[0].ErrorCurve[8] < result.BlockErrors[1].ErrorCurve[8]);
        Assert.Equal([43200, 2700], result.BlockErrors.Select(b => b.TilesPerImage));
        Assert.True(result.Oracle[0].Majority > result.Oracle[1].Majority && result.Oracle[1].Majority > result.Oracle[2].Majority);
        Assert.Equal(result.Manifest.ConfigHash, ConfigHash.Of(cfg));
    }

    [Fact]
    public void Result_RoundTripsThroughTheCacheJson()
    {
        var result = ResearchKit.Experiments.LabelSpectra.LabelSpectra.Run(LabelSpectraConfig.Smoke with { BlockSizes = [4] },
            CamVid.Open(DataPaths.CamVid));
        var json = JsonSerializer.Serialize(result, ConfigHash.Json);
        var back = JsonSerializer.Deserialize<LabelSpectraResult>(json, ConfigHash.Json)!;
        Assert.Equal(result.EnergyRatio, back.EnergyRatio);
        Assert.Equal(result.Oracle, back.Oracle);
        Assert.Equal(result.Cutoff(0.95), back.Cutoff(0.95));
        Assert.Equal(result.Classes[2].EnergyRatio, back.Classes[2].EnergyRatio);
    }
}
