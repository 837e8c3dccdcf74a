using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Metrics;
using ResearchKit.Spectral;

namespace ResearchKit.Tests.Spectral;

/// <summary>Spec 3.5: the CamVid reference values, on the real data at DataPaths.CamVid (367 train, 101 val labels).</summary>
public class LabelSpectrumCamVidReferenceTests
{
    private static readonly Lazy<LabelMap[]> Train = new(() => CamVid.Open(DataPaths.CamVid).Split("train").LoadAllLabels());
    private static readonly Lazy<LabelMap[]> Val = new(() => CamVid.Open(DataPaths.CamVid).Split("val").LoadAllLabels());
    private static readonly Lazy<LabelSpectrum> ZeroVector = new(() => Pooled(VoidHandling.ZeroVector));

    private static LabelSpectrum Pooled(VoidHandling handling)
    {
        var spectrum = new LabelSpectrum(360, 480, CamVid.NumClasses, CamVid.IgnoreIndex, handling);
        spectrum.AddRange(Train.Value);
        return spectrum;
    }

    [Fact]
    public void TrainSplit_GivesTheSpecBasics()
    {
        var spectrum = ZeroVector.Value;
        Assert.Equal(367, spectrum.ImageCount);
        Assert.Equal(10_525_870_944_000L, spectrum.PooledDenominator);
        Assert.Equal(0.2514, spectrum.EnergyRatioAt(0), 1e-4);
    }

    [Theory]
    [InlineData(2, 0.9851)]
    [InlineData(4, 0.9701)]
    [InlineData(8, 0.9476)]
    [InlineData(12, 0.9302)]
    [InlineData(24, 0.8846)]
    [InlineData(40, 0.8369)]
    public void TrainSplit_GivesTheSpecGridEnergyRatios(int s, double expected) =>
        Assert.Equal(expected, ZeroVector.Value.EnergyRatioForGrid(s), 1e-4);

    [Fact]
    public void SeparateChannel_GivesTheSpecEnergyRatioAtGridFactor8() =>
        Assert.Equal(0.9417, Pooled(VoidHandling.SeparateChannel).EnergyRatioForGrid(8), 1e-4);

    [Theory]
    [InlineData(0.90, 9, 20.0)]
    [InlineData(0.95, 24, 7.5)]
    [InlineData(0.99, 118, 360.0 / 236)]
    public void TrainSplit_GivesTheSpecCutoffs(double tau, int k, double s)
    {
        Assert.Equal(k, ZeroVector.Value.CutoffIndex(tau));
        Assert.Equal(s, ZeroVector.Value.GridFactorForThreshold(tau), 12);
    }

    [Theory]
    [InlineData("Road", 0.981)]
    [InlineData("Building", 0.959)]
    [InlineData("Car", 0.947)]
    [InlineData("Sky", 0.944)]
    [InlineData("Tree", 0.921)]
    [InlineData("Fence", 0.918)]
    [InlineData("Pavement", 0.908)]
    [InlineData("Bicyclist", 0.857)]
    [InlineData("SignSymbol", 0.827)]
    [InlineData("Pedestrian", 0.753)]
    [InlineData("Pole", 0.436)]
    public void TrainSplit_GivesTheSpecClassEnergyRatiosAtGridFactor8(string className, double expected)
    {
        var c = CamVid.ClassNames.ToList().IndexOf(className);
        // Stated to 3 decimals: half a unit of rounding plus the spec's 1e-4.
        Assert.Equal(expected, ZeroVector.Value.ClassEnergyRatioForGrid(c, 8), 6e-4);
    }

    [Theory]
    [InlineData(LabelDownsampling.Majority, new[] { 94.08, 88.91, 80.64, 74.18, 63.39, 53.61 })]
    [InlineData(LabelDownsampling.NearestCentre, new[] { 92.78, 87.70, 79.88, 74.07, 62.59, 53.46 })]
    public void BlockConstantOracleOnVal_GivesTheSpecMeanIoU(LabelDownsampling rule, double[] expected)
    {
        var factors = new[] { 2, 4, 8, 12, 24, 40 };
        for (var i = 0; i < factors.Length; i++)
            Assert.Equal(expected[i], OracleMeanIoU(rule, factors[i]), 0.01 + 1e-9);
    }

    [Fact]
    public void TopLeftSampling_IsHalfABlockOutOfPhaseAsTheSpecStates()
    {
        Assert.Equal(92.80, OracleMeanIoU(LabelDownsampling.NearestTopLeft, 2), 0.01 + 1e-9);
        Assert.Equal(83.42, OracleMeanIoU(LabelDownsampling.NearestTopLeft, 4), 0.01 + 1e-9);
        Assert.Equal(71.66, OracleMeanIoU(LabelDownsampling.NearestTopLeft, 8), 0.01 + 1e-9);
    }

    /// <summary>Down-sample each val label by s, replicate it back and score it against the dense label.</summary>
    private static double OracleMeanIoU(LabelDownsampling rule, int s)
    {
        var cm = new ConfusionMatrix(CamVid.NumClasses, CamVid.IgnoreIndex);
        foreach (var label in Val.Value)
        {
            var down = LabelDownsampler.Downsample(label, s, rule, CamVid.NumClasses, CamVid.IgnoreIndex);
            cm.Add(label, LabelDownsampler.Replicate(down, s));
        }
        return cm.MeanIoU();
    }
}
