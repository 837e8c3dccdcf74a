using ResearchKit.Spectral;

namespace ResearchKit.Tests.Spectral;

public class SpectralCrossEntropyTests
{
    // Spec 3.1: z_0[m,n] = 1 − 0.5·n, z_1 = 0, laid out [C,H,W].
    private static SpectralCrossEntropy FourByFour()
    {
        var logits = new double[2 * 16];
        for (var p = 0; p < 16; p++) logits[p] = 1 - 0.5 * (p % 4);
        return new SpectralCrossEntropy(SyntheticLabels.FourByFour(), logits, 2, 2);
    }

    [Fact]
    public void SpatialAndSpectralCrossEntropy_AgreeWithTheSpecValue()
    {
        var ce = FourByFour();
        Assert.Equal(15, ce.ValidPixels);
        Assert.Equal(0.5669993105490202, ce.Spatial, 14);
        Assert.True(Math.Abs(ce.Spatial - ce.Spectral) < 1e-12);
    }

    [Theory]
    [InlineData(0, 0.7803073757762621, -0.2133080652272419, 0.2849089339261923, 125.0 / 240)]
    [InlineData(1, 0.5929702255443197, -0.0259709149952995, 0.0457955163185385, 225.0 / 240)]
    [InlineData(2, 0.5669993105490202, 0.0, 0.0, 1.0)]
    public void TruncatedCrossEntropy_MatchesTheSpecTable(int k, double ceK, double remainder, double bound, double energy)
    {
        var ce = FourByFour();
        Assert.Equal(ceK, ce.Truncated(k), 12);
        Assert.Equal(remainder, ce.Remainder(k), 12);
        Assert.Equal(bound, ce.CauchySchwarzBound(k), 12);
        Assert.Equal(energy, ce.EnergyRatioAt(k), 12);
        Assert.True(Math.Abs(ce.Remainder(k)) <= ce.CauchySchwarzBound(k) + 1e-15);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void PixelSpaceForm_GivesTheSameTruncatedCrossEntropy(int k)
    {
        var ce = FourByFour();
        Assert.Equal(ce.Truncated(k), ce.PixelSpaceTruncated(k), 12);
    }

    [Fact]
    public void CorollaryBound_IsTheSpecValueAndBoundsTheRemainder()
    {
        var ce = FourByFour();
        Assert.Equal(1.3132616875, ce.MaxAbsLogProbability, 9);
        Assert.Equal(0.4795, ce.CorollaryBound(1, ce.MaxAbsLogProbability), 4);
        Assert.True(ce.CorollaryBound(1, ce.MaxAbsLogProbability) >= Math.Abs(ce.Remainder(1)));
        // λ = |log 1e-7| = 16.118: the same shape, just looser.
        Assert.Equal(-Math.Log(1e-7) * Math.Sqrt(2 * 0.0625 * 16 / 15.0), ce.CorollaryBound(1), 12);
    }

    [Fact]
    public void ClampedLogits_StillSatisfyParsevalOnARandomNonSquareMap()
    {
        var rng = new Random(11);
        var label = new ResearchKit.Data.LabelMap(6, 10, Enumerable.Range(0, 60).Select(_ => (byte)rng.Next(0, 4)).ToArray());
        // Class 3 is void; logits up to ±25 make some probabilities fall under ε, so the clamp is active.
        var logits = Enumerable.Range(0, 3 * 60).Select(_ => rng.NextDouble() * 50 - 25).ToArray();
        var ce = new SpectralCrossEntropy(label, logits, 3, 3);
        Assert.True(Math.Abs(ce.Spatial - ce.Spectral) <= 1e-12 * ce.Spatial);
        Assert.True(ce.MaxAbsLogProbability <= -Math.Log(SpectralCrossEntropy.Epsilon) + 1e-12);
        Assert.Equal(-Math.Log(SpectralCrossEntropy.Epsilon), ce.MaxAbsLogProbability, 9);
        foreach (var k in new[] { 0, 1, 2, 3 }) Assert.True(Math.Abs(ce.Remainder(k)) <= ce.CauchySchwarzBound(k) + 1e-12);
    }

    [Fact]
    public void WrongLogitLength_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new SpectralCrossEntropy(SyntheticLabels.FourByFour(), new double[31], 2, 2));
        Assert.Contains("2*4*4", e.Message);
    }
}
