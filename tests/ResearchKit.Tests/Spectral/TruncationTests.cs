using ResearchKit.Models;
using ResearchKit.Spectral;
using ResearchKit.Tests.Support;
using static TorchSharp.torch;

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
        var x = tensor(Cosine(k).Select(v => (float)v).ToArray(), [1, 1, 6, 6]);
        var y = Truncation.AreaDownsample(x, 2);
        Assert.Equal([1L, 1, 3, 3], y.shape);
        var values = Golden.Values(y);
        for (var i = 0; i < 3; i++) Assert.Equal(expected[i], values[3 * i], 6);
    }

    [Theory]
    [InlineData(TruncationOperator.SpectralCrop)]
    [InlineData(TruncationOperator.AreaDownsample)]
    public void ConstantInput_ComesOutUnchanged(TruncationOperator op)
    {
        var x = full(new long[] { 2, 3, 12, 18 }, 0.7f);
        var y = Truncation.Apply(op, x, 3);
        Assert.Equal([2L, 3, 4, 6], y.shape);
        Assert.All(Golden.Values(y), v => Assert.Equal(0.7, v, 5));
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

    [Theory]
    [InlineData(CropAlignment.Centre)]
    [InlineData(CropAlignment.TopLeft)]
    public void TorchSpectralCrop_EqualsTheFftwReferencePlaneByPlane(CropAlignment alignment)
    {
        // The torch.fft path (what the networks run) against the FFTW double-precision plane operator, on odd and even sizes.
        foreach (var (h, w, t) in new[] { (12, 18, 3), (20, 16, 4), (9, 15, 3) })
        {
            var x = TestTensors.Uniform(11, [2, 3, h, w]).to_type(ScalarType.Float64);
            var y = Golden.Values(Truncation.SpectralCrop(x, t, alignment));
            var planes = x.reshape(6, h * w);
            for (var p = 0; p < 6; p++)
            {
                var expected = Truncation.SpectralCropPlane(planes[p].data<double>().ToArray(), h, w, t, alignment, out _);
                for (var i = 0; i < expected.Length; i++) Assert.Equal(expected[i], y[p * expected.Length + i], 5);
            }
        }
    }

    [Fact]
    public void SpectralCropInAChannelsLastUNet_TrainsWithFiniteGradients()
    {
        // Its output comes back in the input's layout: an NCHW skip concatenated into a channels-last decoder made
        // libtorch 2.10's conv backward return NaN input gradients from the third step on.
        TestTensors.Seed(0);
        var model = new UNet(new UNetConfig { NumClasses = 11, Widths = [8, 16], Bottleneck = 32, DecoderStride = 2, SkipOperator = TruncationOperator.SpectralCrop, GridFactor = 2 });
        var sgd = TorchSharp.torch.optim.SGD(model.parameters(), 0.05, momentum: 0.9);
        Assert.True(ResearchKit.Engine.Layout.IsChannelsLast(Truncation.SpectralCrop(ResearchKit.Engine.Layout.ChannelsLast(TestTensors.Uniform(1, [1, 2, 8, 8])), 2)));
        for (var step = 0; step < 6; step++)
        {
            using var scope = NewDisposeScope();
            sgd.zero_grad();
            var loss = ResearchKit.Losses.SegmentationLosses.CrossEntropy(model.call(TestTensors.Uniform(step, [4, 3, 32, 48], 0, 1)), TestTensors.CyclicLabels(4, 32, 48, 11));
            loss.backward();
            Assert.All(model.named_parameters(), p => Assert.True(p.parameter.grad!.isfinite().all().item<bool>(), $"step {step}: {p.name}"));
            sgd.step();
        }
    }

    [Fact]
    public void SpectralCrop_GradientMatchesFiniteDifferences()
    {
        GradCheck.Assert(t => Truncation.SpectralCrop(t, 2), TestTensors.Uniform(3, [2, 2, 8, 12]));
        GradCheck.Assert(t => Truncation.SpectralCrop(t, 3, CropAlignment.TopLeft), TestTensors.Uniform(4, [1, 2, 9, 6]));
        GradCheck.Assert(t => Truncation.AreaDownsample(t, 2), TestTensors.Uniform(5, [1, 2, 6, 8]));
    }

    [Fact]
    public void FactorOne_IsTheIdentity_AndANonDividingFactorIsRefused()
    {
        var x = TestTensors.Uniform(1, [1, 1, 6, 8]);
        Assert.Same(x, Truncation.SpectralCrop(x, 1));
        var e = Assert.ThrowsAny<Exception>(() => Truncation.SpectralCrop(x, 4));
        Assert.Contains("multiples of t = 4", e.Message);
    }

    [Theory]
    [InlineData(360, 480, 1_592_524_800L)]
    [InlineData(180, 240, 398_131_200L)]
    public void MacCounter_MatchesTheHandCountOfA3x3Conv32To32(int h, int w, long macs)
    {
        ResearchKit.Engine.TorchRuntime.Initialize();
        var conv = nn.Sequential(("conv", nn.Conv2d(32, 32, 3, padding: 1, bias: false)));
        var costs = LayerCost.Measure(conv, m => m.forward(zeros(1, 32, h, w)));
        Assert.Equal(macs, costs.Single().Macs);
        Assert.Equal("conv", costs.Single().Layer);
        Assert.Equal(macs, LayerCost.ConvMacs(3, 32, 32, h, w));
    }
}
