using ResearchKit.Data;
using ResearchKit.Spectral;

namespace ResearchKit.Tests.Spectral;

[Collection(ResearchKit.Tests.Support.ThreadCountCollection.Name)]
public class LabelSpectrumTests
{
    private static LabelSpectrum Of(LabelMap label, int numClasses, int ignoreIndex, VoidHandling handling = VoidHandling.ZeroVector)
    {
        var spectrum = new LabelSpectrum(label.Height, label.Width, numClasses, ignoreIndex, handling);
        spectrum.Add(label);
        return spectrum;
    }

    [Fact]
    public void FourByFour_GivesTheSpecEnergyRatios()
    {
        var spectrum = Of(SyntheticLabels.FourByFour(), 2, 2);
        Assert.Equal(240, spectrum.PooledDenominator);  // N·N_v = 16·15
        Assert.Equal(125.0 / 240, spectrum.EnergyRatioAt(0), 1e-6);
        Assert.Equal(225.0 / 240, spectrum.EnergyRatioAt(1), 1e-6);
        Assert.Equal(1.0, spectrum.EnergyRatioAt(2), 1e-6);
        Assert.Equal(2, spectrum.MaxK);
    }

    [Fact]
    public void FourByFour_PowerHalfPlaneHoldsTheSpecSpectrumRow()
    {
        var power = Of(SyntheticLabels.FourByFour(), 2, 2).PowerHalfPlane(0);
        // Y_0 row 0 = 5, 3-2i, 1 (half plane: v = 0..2) -> |Y|² = 25, 13, 1.
        Assert.Equal(25, power[0], 1e-4);
        Assert.Equal(13, power[1], 1e-4);
        Assert.Equal(1, power[2], 1e-4);
    }

    [Fact]
    public void ThirtyTwo_GivesTheSpecPixelCountsAndEnergyRatios()
    {
        var spectrum = Of(SyntheticLabels.ThirtyTwo(), 3, 255);
        Assert.Equal(new long[] { 678, 137, 209 }, Enumerable.Range(0, 3).Select(spectrum.PixelCount));
        var expected = new[] { (0, 0.4979), (1, 0.7693), (2, 0.8603), (4, 0.9249), (8, 0.9654), (16, 1.0000) };
        foreach (var (k, e) in expected) Assert.Equal(e, spectrum.EnergyRatioAt(k), 4);
        Assert.Equal((678.0 * 678 + 137 * 137 + 209 * 209) / (1024.0 * 1024), spectrum.EnergyRatioAt(0), 6);
    }

    [Fact]
    public void GridBand_EqualsIndexBandWhenSIsHOverTwoK()
    {
        var spectrum = Of(SyntheticLabels.ThirtyTwo(), 3, 255);
        foreach (var k in new[] { 1, 2, 4, 8, 16 })
            Assert.Equal(spectrum.EnergyRatioAt(k), spectrum.EnergyRatioForGrid(32.0 / (2 * k)), 12);
        // s = 3 gives the real bound 32/6 = 5.33: the same coefficients as K = 5.
        Assert.Equal(spectrum.EnergyRatioAt(5), spectrum.EnergyRatioForGrid(3), 12);
    }

    [Fact]
    public void CutoffAndGridFactor_FollowTheEnergyCurve()
    {
        var spectrum = Of(SyntheticLabels.ThirtyTwo(), 3, 255);
        Assert.Equal(2, spectrum.CutoffIndex(0.80));   // E(1) = 0.7693 < 0.80 <= E(2) = 0.8603
        Assert.Equal(8.0, spectrum.GridFactorForThreshold(0.80));
        Assert.Equal(0, spectrum.CutoffIndex(0.40));
        Assert.Equal(double.PositiveInfinity, spectrum.GridFactorForThreshold(0.40));
    }

    [Fact]
    public void ClassRatios_PoolBackToTheTotalRatio()
    {
        var spectrum = Of(SyntheticLabels.ThirtyTwo(), 3, 255);
        var counts = new[] { 678.0, 137, 209 };
        var weighted = Enumerable.Range(0, 3).Sum(c => counts[c] * spectrum.ClassEnergyRatioAt(c, 4)) / 1024;
        Assert.Equal(spectrum.EnergyRatioAt(4), weighted, 10);
        // Class 0 alone at DC: n_0² / (N·n_0) = n_0 / N.
        Assert.Equal(678.0 / 1024, spectrum.ClassEnergyRatioAt(0, 0), 6);
        Assert.Equal(spectrum.ClassEnergyRatioAt(1, 2), spectrum.ClassEnergyRatioForGrid(1, 8), 12);
    }

    [Fact]
    public void Pooling_SumsNumeratorsAndDenominatorsSeparately()
    {
        var a = SyntheticLabels.ThirtyTwo();
        var b = new LabelMap(32, 32, a.Data.Select(v => v == 1 ? (byte)255 : v).ToArray());
        var pooled = new LabelSpectrum(32, 32, 3, 255);
        pooled.AddRange(new[] { a, b });
        var sa = Of(a, 3, 255);
        var sb = Of(b, 3, 255);
        var expected = (sa.EnergyRatioAt(3) * sa.PooledDenominator + sb.EnergyRatioAt(3) * sb.PooledDenominator)
                       / (sa.PooledDenominator + sb.PooledDenominator);
        Assert.Equal(1024L * (1024 + 1024 - 137), pooled.PooledDenominator);
        Assert.Equal(expected, pooled.EnergyRatioAt(3), 10);
        Assert.Equal(2, pooled.ImageCount);
    }

    [Fact]
    public void ParallelAndSequentialAdds_GiveTheSamePooledSpectrum()
    {
        var labels = Enumerable.Range(0, 5).Select(i =>
            new LabelMap(32, 32, SyntheticLabels.ThirtyTwo().Data.Select((v, p) => p % (7 + i) == 0 ? (byte)255 : v).ToArray())).ToArray();
        var parallel = new LabelSpectrum(32, 32, 3, 255) { Threads = 2 };
        parallel.AddRange(labels);
        var sequential = new LabelSpectrum(32, 32, 3, 255) { Threads = 1 };
        foreach (var label in labels) sequential.Add(label);
        Assert.Equal(sequential.PooledDenominator, parallel.PooledDenominator);
        Assert.Equal(sequential.EnergyRatioCurve(), parallel.EnergyRatioCurve(), (x, y) => Math.Abs(x - y) < 1e-12);
    }

    [Fact]
    public void SeparateChannel_AddsVoidAsAChannelWithDenominatorNSquared()
    {
        var spectrum = Of(SyntheticLabels.FourByFour(), 2, 2, VoidHandling.SeparateChannel);
        Assert.Equal(3, spectrum.Channels);
        Assert.Equal(256, spectrum.PooledDenominator);
        Assert.Equal(1, spectrum.PixelCount(2));
        // DC: (5² + 10² + 1²) / 256.
        Assert.Equal(126.0 / 256, spectrum.EnergyRatioAt(0), 6);
    }

    [Fact]
    public void RadialProfile_MatchesAHandComputedSquareMap()
    {
        // Class 0 in the two left columns, void elsewhere: Y[0,v] = 4(1 + e^{-iπv/2}) -> |Y|² = 64, 32, 0, 32; rows u > 0 vanish.
        var label = new LabelMap(4, 4, Enumerable.Range(0, 16).Select(p => p % 4 < 2 ? (byte)0 : (byte)9).ToArray());
        var profile = Of(label, 1, 9).RadialProfile();
        Assert.Equal(new[] { 64.0, 64.0, 0.0 }, profile.Select(v => Math.Round(v, 4)));
    }

    [Fact]
    public void RadialProfile_ScalesColumnFrequenciesByHOverW()
    {
        // One pixel: |Y|² = 1 everywhere. On 2x4, ρ = sqrt(u~² + (v~/2)²): bin 0 holds (0,0),(0,±1); bin 1 the other 5.
        var label = new LabelMap(2, 4, new byte[] { 0, 9, 9, 9, 9, 9, 9, 9 });
        Assert.Equal(new[] { 3.0, 5.0 }, Of(label, 1, 9).RadialProfile().Select(v => Math.Round(v, 5)));
    }

    [Fact]
    public void LogMagnitudeMap_IsShiftedLogOfTheClassSpectrum()
    {
        var map = LabelSpectrum.LogMagnitudeMap(SyntheticLabels.FourByFour(), 0);
        // DC (|Y_0| = 5) sits at the centre (2,2) after fftshift; (2,3) is v = 1: |3-2i| = sqrt(13).
        Assert.Equal(Math.Log(6), map[2 * 4 + 2], 12);
        Assert.Equal(Math.Log(1 + Math.Sqrt(13)), map[2 * 4 + 3], 12);
    }

    [Fact]
    public void InvalidId_ThrowsNamingThePixelAndLeavesTheSumsUntouched()
    {
        var spectrum = new LabelSpectrum(4, 4, 2, 2);
        var bad = new LabelMap(4, 4, SyntheticLabels.FourByFour().Data.Select((v, p) => p == 5 ? (byte)7 : v).ToArray());
        var e = Assert.Throws<ArgumentException>(() => spectrum.Add(bad));
        Assert.Contains("row 1, column 1", e.Message);
        Assert.Equal(0, spectrum.PooledDenominator);
        Assert.Throws<ArgumentException>(() => spectrum.Add(new LabelMap(2, 2, new byte[4])));
    }
}
