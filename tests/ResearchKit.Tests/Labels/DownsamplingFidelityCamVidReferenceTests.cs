using ResearchKit.Data;
using ResearchKit.Labels;

namespace ResearchKit.Tests.Labels;

/// <summary>Soft-labelling spec 3.3: the CamVid reference values on the 367 train labels at DataPaths.CamVid (±0.0005).</summary>
public class DownsamplingFidelityCamVidReferenceTests
{
    private const double Tolerance = 0.0005;
    private const int Pole = 2, SignSymbol = 6, Pedestrian = 9, Bicyclist = 10;

    private static readonly Lazy<Dictionary<(LabelDownsampling, int), DownsamplingFidelity>> Measured = new(() =>
        DownsamplingFidelity.Measure(CamVid.Open(DataPaths.CamVid).Split("train").LoadAllLabels(), Enum.GetValues<LabelDownsampling>(),
            [2, 4, 8], CamVid.NumClasses, CamVid.IgnoreIndex).ToDictionary(m => (m.Rule, m.Factor)));

    [Theory]
    [InlineData(LabelDownsampling.NearestCentre, 0.0185, 0.0309, 0.0516, 1.066, 0.279)]
    [InlineData(LabelDownsampling.NearestTopLeft, 0.0184, 0.0418, 0.0752, 0.921, 0.241)]
    [InlineData(LabelDownsampling.Majority, 0.0164, 0.0300, 0.0503, 0.719, 0.188)]
    [InlineData(LabelDownsampling.SoftBox, 0, 0, 0, 1.000, 1.000)]
    [InlineData(LabelDownsampling.SoftBilinear, 0, 0.0159, 0.0377, 1.048, 0.395)]
    [InlineData(LabelDownsampling.SoftBilinearAA, 0.0083, 0.0100, 0.0146, 1.000, 1.000)]
    public void TrainSplit_GivesTheSpecDistancesAndPoleValues(LabelDownsampling rule, double d2, double d4, double d8, double poleRetention, double poleCoverage)
    {
        var m = Measured.Value;
        Assert.Equal(367, m[(rule, 2)].Images);
        Assert.Equal([d2, d4, d8], [m[(rule, 2)].TvDistance, m[(rule, 4)].TvDistance, m[(rule, 8)].TvDistance], new Within(Tolerance));
        Assert.Equal(poleRetention, m[(rule, 8)].Retention(Pole), Tolerance);
        Assert.Equal(poleCoverage, m[(rule, 8)].Coverage(Pole), Tolerance);
    }

    [Theory]
    [InlineData(LabelDownsampling.NearestCentre, 0.508, 0.448, 0.569)]
    [InlineData(LabelDownsampling.Majority, 0.523, 0.510, 0.627)]
    [InlineData(LabelDownsampling.SoftBilinear, 0.582, 0.536, 0.631)]
    [InlineData(LabelDownsampling.SoftBox, 1, 1, 1)]
    [InlineData(LabelDownsampling.SoftBilinearAA, 1, 1, 1)]
    public void TrainSplit_GivesTheSpecThinClassCoverageAtFactorEight(LabelDownsampling rule, double sign, double pedestrian, double bicyclist)
    {
        var m = Measured.Value[(rule, 8)];
        Assert.Equal([sign, pedestrian, bicyclist], [m.Coverage(SignSymbol), m.Coverage(Pedestrian), m.Coverage(Bicyclist)], new Within(Tolerance));
        if (rule is LabelDownsampling.SoftBox or LabelDownsampling.SoftBilinearAA)
            Assert.All(Enumerable.Range(0, CamVid.NumClasses), c => Assert.Equal(1.0, m.Coverage(c)));
    }

    private sealed class Within(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;
        public int GetHashCode(double obj) => 0;
    }
}
