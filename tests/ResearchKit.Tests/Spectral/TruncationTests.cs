using ResearchKit.Autograd;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Spectral;
using ResearchKit.Tensors;
using ResearchKit.Tests.Autograd;

namespace ResearchKit.Tests.Spectral;

/// <summary>Spectral spec 3.4: SpectralCrop (both alignments) against AreaDownsample on x[m,n] = cos(2πkm/6), 6×6 → 3×3,
/// plus the operators' invariants, SpectralCrop's gradient, and the MAC counter check.</summary>
public sealed class TruncationTests
{
    private static double[] Cosine(int k) =>
        Enumerable.Range(0, 36).Select(i => Math.Cos(2 * Math.PI * k * (i / 6) / 6)).ToArray(); // constant along n

    private static double[] Column(double[] plane3x3) => [plane3x3[0], plane3x3[3], plane3x3[6]];

    [Theory]
    [InlineData(1, CropAlignment.Centre, new[] { 0.866025, -0.866025, 0 })]
    [InlineData(1, CropAlignment.TopLeft, new[] { 1, -0.5, -0.5 })]
    [InlineData(2, CropAlignment.Centre, new[] { 0.0, 0, 0 })]
    [InlineData(2, CropAlignment.TopLeft, new[] { 0.0, 0, 0 })]
    public void SpectralCrop_ReproducesTheWorkedExample(int k, CropAlignment alignment, double[] expected)
    {
        var y = Truncation.SpectralCropPlane(Cosine(k), 6, 6, 2, alignment, out var imaginary);
        Assert.True(imaginary <= 1e-12, $"imaginary part {imaginary}");
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], Column(y)[i], 6);
        for (var r = 0; r < 3; r++) Assert.Equal(y[3 * r], y[3 * r + 2], 12); // constant along n stays constant
    }

    [Theory]
    [InlineData(1, new[] { 0.75, -0.75, 0 })]
    [InlineData(2, new[] { 0.25, 0.25, -0.5 })] // aliasing: k = 2 is above the coarse grid's band yet survives
    public void AreaDownsample_ReproducesTheWorkedExample(int k, double[] expected)
    {
        var x = new Tensor(Cosine(k).Select(v => (float)v).ToArray(), 1, 1, 6, 6);
        var y = Truncation.AreaDownsample(x, 2);
        Assert.Equal([1, 1, 3, 3], y.Shape);
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], y.Data[3 * i], 6);
    }

    [Theory]
    [InlineData(TruncationOperator.SpectralCrop)]
    [InlineData(TruncationOperator.AreaDownsample)]
    public void ConstantInput_ComesOutUnchanged(TruncationOperator op)
    {
        var x = Tensor.Zeros(2, 3, 12, 18);
        x.Data.AsSpan().Fill(0.7f);
        var y = Truncation.Apply(op, x, 3);
        Assert.Equal([2, 3, 4, 6], y.Shape);
        Assert.All(y.Data, v => Assert.Equal(0.7, v, 5));
    }

    [Fact]
    public void SpectralCrop_KeepsTheMeanOfAnyInput_AndItsImaginaryPartVanishes()
    {
        var rng = new Random(5);
        var x = Enumerable.Range(0, 24 * 30).Select(_ => rng.NextDouble()).ToArray();
        foreach (var alignment in new[] { CropAlignment.Centre, CropAlignment.TopLeft })
        {
            var y = Truncation.SpectralCropPlane(x, 24, 30, 3, alignment, out var imaginary);
            Assert.True(imaginary <= 1e-12, $"{alignment}: imaginary part {imaginary}");
            Assert.Equal(x.Average(), y.Average(), 12);
        }
    }

    [Fact]
    public void SpectralCrop_AdjointSatisfiesTheDotProductIdentity()
    {
        // <A x, g> = <x, Aᵀ g> for random x, g: the backward is the exact transpose of the forward.
        var rng = new Random(9);
        var x = Enumerable.Range(0, 20 * 16).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var g = Enumerable.Range(0, 5 * 4).Select(_ => rng.NextDouble() - 0.5).ToArray();
        var ax = Truncation.SpectralCropPlane(x, 20, 16, 4, CropAlignment.Centre, out _);
        var atg = Truncation.SpectralCropAdjointPlane(g, 20, 16, 4, CropAlignment.Centre);
        Assert.Equal(ax.Zip(g, (a, b) => a * b).Sum(), x.Zip(atg, (a, b) => a * b).Sum(), 12);
    }

    [Fact]
    public void SpectralCrop_GradientMatchesFiniteDifferences()
    {
        var rng = new Random(3);
        GradCheck.Assert(t => Truncation.SpectralCrop(t[0], 2), [GradCheck.Random(rng, 2, 2, 8, 12)]);
        GradCheck.Assert(t => Truncation.SpectralCrop(t[0], 3, CropAlignment.TopLeft), [GradCheck.Random(rng, 1, 2, 9, 6)]);
        GradCheck.Assert(t => Truncation.AreaDownsample(t[0], 2), [GradCheck.Random(rng, 1, 2, 6, 8)]);
    }

    [Fact]
    public void FactorOne_IsTheIdentity_AndANonDividingFactorIsRefused()
    {
        var x = GradCheck.Random(new Random(1), 1, 1, 6, 8);
        Assert.Same(x, Truncation.SpectralCrop(x, 1));
        var e = Assert.ThrowsAny<Exception>(() => Truncation.SpectralCrop(x, 4));
        Assert.Contains("multiples of t = 4", e.Message);
    }

    [Theory]
    [InlineData(360, 480, 1_592_524_800L)]
    [InlineData(180, 240, 398_131_200L)]
    public void MacCounter_MatchesTheHandCountOfA3x3Conv32To32(int h, int w, long macs)
    {
        var conv = new Conv2d(32, 32, 3, new Rng(0), padding: 1, bias: false);
        using (GradMode.Disable()) conv.Forward(Tensor.Zeros(1, 32, h, w));
        Assert.Equal(macs, conv.LastMacs);
        Assert.Equal(macs, LayerCost.ConvMacs(3, 32, 32, h, w));
    }
}
