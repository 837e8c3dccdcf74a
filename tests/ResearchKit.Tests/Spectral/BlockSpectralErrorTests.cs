using ResearchKit.Data;
using ResearchKit.Spectral;

namespace ResearchKit.Tests.Spectral;

public class BlockSpectralErrorTests
{
    [Theory]
    [InlineData(2, 0.0049, 0.0081, 0.0172, 0.0344)]
    [InlineData(4, 0.0158, 0.0276, 0.0610, 0.1119)]
    [InlineData(8, 0.0826, 0.1220, 0.2014, 0.2619)]
    public void ThirtyTwoByThirtyTwo_MatchesTheSpecBlockErrorTable(int b, double e1, double e2, double e4, double e8)
    {
        var error = new BlockSpectralError(32, 32, 3, 255, b);
        error.Add(SyntheticLabels.ThirtyTwo());
        Assert.Equal(e1, error.ErrorAt(1), 4);
        Assert.Equal(e2, error.ErrorAt(2), 4);
        Assert.Equal(e4, error.ErrorAt(4), 4);
        Assert.Equal(e8, error.ErrorAt(8), 4);
    }

    [Fact]
    public void BlockSizeOne_HasNoError()
    {
        var error = new BlockSpectralError(32, 32, 3, 255, 1);
        error.Add(SyntheticLabels.ThirtyTwo());
        Assert.All(error.ErrorCurve(), e => Assert.Equal(0.0, e, 12));
    }

    [Fact]
    public void Pooling_SumsNumeratorsAndDenominatorsSeparately()
    {
        var a = SyntheticLabels.ThirtyTwo();
        var b = new LabelMap(32, 32, a.Data.Select((v, p) => p < 300 ? (byte)255 : v).ToArray());
        var pooled = new BlockSpectralError(32, 32, 3, 255, 4);
        pooled.AddRange(new[] { a, b });
        var (na, da) = NumeratorAndDenominator(a, 4, 2);
        var (nb, db) = NumeratorAndDenominator(b, 4, 2);
        Assert.Equal((na + nb) / (da + db), pooled.ErrorAt(2), 5);
        Assert.Equal(2, pooled.ImageCount);
    }

    [Fact]
    public void BlockSizeNotDividingTheMap_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() => new BlockSpectralError(32, 32, 3, 255, 5));
        Assert.Contains("32x32", e.Message);
    }

    /// <summary>Σ_{B_K}|Y^(b) − Y|² and Σ_{B_K}|Y|² of one image from the double-precision spectra of its labels.</summary>
    private static (double Numerator, double Denominator) NumeratorAndDenominator(LabelMap label, int b, int k)
    {
        var blocky = ResearchKit.Labels.LabelDownsampler.Replicate(ResearchKit.Labels.LabelDownsampler.Downsample(
            label, b, ResearchKit.Labels.LabelDownsampling.Majority, 3, 255), b);
        double num = 0, den = 0;
        for (var c = 0; c < 3; c++)
        {
            var y = Fft2D.ExpandHalfPlane(Fft2D.ForwardReal(OneHot(label, c), 32, 32), 32, 32);
            var yb = Fft2D.ExpandHalfPlane(Fft2D.ForwardReal(OneHot(blocky, c), 32, 32), 32, 32);
            for (var u = 0; u < 32; u++)
            for (var v = 0; v < 32; v++)
            {
                if (Math.Min(u, 32 - u) > k || Math.Min(v, 32 - v) > k) continue;
                var i = u * 32 + v;
                num += Math.Pow((yb[i] - y[i]).Magnitude, 2);
                den += Math.Pow(y[i].Magnitude, 2);
            }
        }
        return (num, den);
    }

    private static double[] OneHot(LabelMap label, int c) => label.Data.Select(v => v == c ? 1.0 : 0.0).ToArray();
}
