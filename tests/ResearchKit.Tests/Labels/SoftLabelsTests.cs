using ResearchKit.Data;
using ResearchKit.Labels;

namespace ResearchKit.Tests.Labels;

public class SoftLabelsTests
{
    private const byte V = 11;
    private const double FloatExact = 1e-7; // a fraction cast once to float32

    private static SoftLabelMap Down(LabelDownsampling rule, SoftVoidHandling handling = SoftVoidHandling.KeepMass) =>
        SoftLabels.Downsample(LabelDownsamplerTests.EightByEight(), 4, rule, 4, V, handling);

    // Spec 3.1 table: {class: value} per output pixel TL, TR, BL, BR (typed from the spec in the library, where NB06 checks it too).
    public static TheoryData<LabelDownsampling, double[][]> SpecTable()
    {
        var data = new TheoryData<LabelDownsampling, double[][]>();
        foreach (var (rule, table) in ResearchKit.Experiments.SoftLabelling.LabelRulesWorkedExample.Table) data.Add(rule, table);
        return data;
    }

    [Theory]
    [MemberData(nameof(SpecTable))]
    public void EightByEight_GivesTheSpecTableFractions(LabelDownsampling rule, double[][] expected)
    {
        var t = Down(rule);
        Assert.Equal((4, 2, 2), (t.NumClasses, t.Height, t.Width));
        for (var p = 0; p < 4; p++)
            for (var c = 0; c < 4; c++)
                Assert.True(Math.Abs(expected[p][c] - t[c, p / 2, p % 2]) <= FloatExact,
                    $"{rule} pixel {p} class {c}: expected {expected[p][c]}, got {t[c, p / 2, p % 2]}");
    }

    [Fact]
    public void EightByEight_MassesMatchTheSpec_AndTheFirstAACellHasItsDecimals()
    {
        var aa = Down(LabelDownsampling.SoftBilinearAA);
        Assert.Equal([48.0 / 49, 46.0 / 49, 46.0 / 49, 40.0 / 49], [aa.Mass(0, 0), aa.Mass(0, 1), aa.Mass(1, 0), aa.Mass(1, 1)], Tolerance(4e-7));
        Assert.Equal(0.794643, aa[0, 0, 0], 6);
        Assert.Equal(0.122449, aa[1, 0, 0], 6);
        Assert.Equal(0.0625, aa[2, 0, 0], 6);
        Assert.Equal(0.75, Down(LabelDownsampling.SoftBox).Mass(1, 1), 7);
        Assert.Equal(0.75, Down(LabelDownsampling.SoftBilinear).Mass(1, 1), 7);
    }

    [Fact]
    public void Renormalise_MakesSoftBoxBottomRightAllClassOne_AndLeavesFullyVoidPixelsZero()
    {
        var t = Down(LabelDownsampling.SoftBox, SoftVoidHandling.Renormalise);
        Assert.Equal(1f, t[1, 1, 1]);
        Assert.Equal(15f / 16, t[0, 0, 0]);
        var allVoid = SoftLabels.Downsample(new LabelMap(2, 2, [V, V, V, V]), 2, LabelDownsampling.SoftBilinearAA, 4, V, SoftVoidHandling.Renormalise);
        Assert.All(allVoid.Data, v => Assert.Equal(0f, v));
    }

    [Theory]
    [InlineData(2, new[] { 1.0, 3, 3, 1 }, 8)]
    [InlineData(4, new[] { 1.0, 3, 5, 7, 7, 5, 3, 1 }, 32)]
    public void BilinearAA_InteriorWeights_SpanTwoS(int s, double[] numerators, double denominator)
    {
        var (start, w) = SoftLabels.Weights1D(LabelDownsampling.SoftBilinearAA, 16 * s, s)[4];
        Assert.Equal(4 * s - s / 2, start);
        Assert.Equal(numerators.Select(n => n / denominator), w, Tolerance(1e-15));
        Assert.Equal(0.75, w.Skip(s / 2).Take(s).Sum(), 12); // the share inside the pixel's own block
    }

    [Fact]
    public void BilinearAA_BorderRows_DropOutOfRangeTapsAndRenormalise()
    {
        var rows = SoftLabels.Weights1D(LabelDownsampling.SoftBilinearAA, 8, 4);
        Assert.Equal((0, new[] { 5.0, 7, 7, 5, 3, 1 }.Select(v => v / 28)), (rows[0].Start, rows[0].Weights.AsEnumerable()), new WeightsComparer());
        Assert.Equal((2, new[] { 1.0, 3, 5, 7, 7, 5 }.Select(v => v / 28)), (rows[1].Start, rows[1].Weights.AsEnumerable()), new WeightsComparer());
    }

    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    public void SoftBilinear_AtOddFactors_IsTheOneHotOfNearestCentre(int s)
    {
        var label = RandomLabel(12 * s, 8 * s, 5, seed: s);
        Assert.Equal(SoftLabels.Downsample(label, s, LabelDownsampling.NearestCentre, 5, V).Data,
            SoftLabels.Downsample(label, s, LabelDownsampling.SoftBilinear, 5, V).Data);
    }

    [Fact]
    public void SoftBilinear_AtFactorTwo_EqualsSoftBox_AndAtEvenFactors_AveragesTheCentralTwoByTwo()
    {
        var label = RandomLabel(48, 64, 5, seed: 2);
        Assert.Equal(SoftLabels.Downsample(label, 2, LabelDownsampling.SoftBox, 5, V).Data,
            SoftLabels.Downsample(label, 2, LabelDownsampling.SoftBilinear, 5, V).Data);
        var (start, w) = SoftLabels.Weights1D(LabelDownsampling.SoftBilinear, 48, 6)[3];
        Assert.Equal(3 * 6 + 2, start);
        Assert.Equal([0.5, 0.5], w);
    }

    [Theory]
    [InlineData(LabelDownsampling.SoftBox, 2)]
    [InlineData(LabelDownsampling.SoftBox, 4)]
    [InlineData(LabelDownsampling.SoftBox, 8)]
    [InlineData(LabelDownsampling.SoftBilinearAA, 2)]
    [InlineData(LabelDownsampling.SoftBilinearAA, 4)]
    [InlineData(LabelDownsampling.SoftBilinearAA, 8)]
    [InlineData(LabelDownsampling.SoftBilinear, 4)]
    public void SoftRules_ConserveMass(LabelDownsampling rule, int s)
    {
        // No void: every output pixel has mass 1, and the box and the (normalised) AA keep every class's mass exactly.
        var label = RandomLabel(96, 128, 6, seed: s, voidShare: 0);
        var t = SoftLabels.Downsample(label, s, rule, 6, V);
        for (var a = 0; a < t.Height; a++)
            for (var b = 0; b < t.Width; b++)
                Assert.Equal(1.0, t.Mass(a, b), 6);
        if (rule == LabelDownsampling.SoftBilinear) return; // only the centre taps: mass per pixel, not per class
        // Per class: SoftBox keeps every class's mass exactly, void or not. SoftBilinearAA's taps sum to 1/s per source
        // pixel away from the border, so classes that keep 2s pixels off it (here all but class 0, the frame) keep theirs.
        var source = rule == LabelDownsampling.SoftBox ? RandomLabel(96, 128, 6, seed: s + 10, voidShare: 0.2) : Framed(label, 2 * s);
        var soft = SoftLabels.Downsample(source, s, rule, 6, V);
        for (var c = rule == LabelDownsampling.SoftBox ? 0 : 1; c < 6; c++)
        {
            double kept = 0;
            for (var p = 0; p < soft.Height * soft.Width; p++) kept += soft.Data[c * soft.Height * soft.Width + p];
            Assert.Equal(source.Data.Count(id => id == c), s * s * kept, 2);
        }
    }

    private static LabelMap Framed(LabelMap label, int width)
    {
        var data = (byte[])label.Data.Clone();
        for (var m = 0; m < label.Height; m++)
            for (var n = 0; n < label.Width; n++)
                if (m < width || n < width || m >= label.Height - width || n >= label.Width - width) data[m * label.Width + n] = 0;
        return new LabelMap(label.Height, label.Width, data);
    }

    [Fact]
    public void FactorThatDoesNotDivideTheSize_IsRefusedNamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => SoftLabels.Downsample(LabelDownsamplerTests.EightByEight(), 3, LabelDownsampling.SoftBox, 4, V));
        Assert.Contains("factor 3", e.Message);
        Assert.Contains("8x8", e.Message);
    }

    [Fact]
    public void Names_RoundTrip_AndAnUnknownNameListsTheValidOnes()
    {
        foreach (var rule in Enum.GetValues<LabelDownsampling>())
            Assert.Equal(rule, LabelDownsamplingNames.Parse(rule.Name()));
        var e = Assert.Throws<ArgumentException>(() => LabelDownsamplingNames.Parse("bicubic"));
        Assert.Equal("unknown down-sampling method 'bicubic'; valid: soft-box, soft-bilinear, soft-bilinear-aa, nearest-centre, nearest-top-left, majority", e.Message);
    }

    internal static LabelMap RandomLabel(int h, int w, int numClasses, int seed, double voidShare = 0.1)
    {
        var rng = new Random(seed);
        // Smooth-ish regions: random classes on an 4x4-pixel grid, then per-pixel noise and void.
        var data = new byte[h * w];
        for (var m = 0; m < h; m++)
            for (var n = 0; n < w; n++)
                data[m * w + n] = rng.NextDouble() < voidShare ? V : (byte)((m / 4 * 7 + n / 4 * 3 + (rng.NextDouble() < 0.3 ? rng.Next(numClasses) : 0)) % numClasses);
        return new LabelMap(h, w, data);
    }

    private static IEqualityComparer<double> Tolerance(double eps) => new DoubleTolerance(eps);

    private sealed class DoubleTolerance(double eps) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= eps;
        public int GetHashCode(double obj) => 0;
    }

    private sealed class WeightsComparer : IEqualityComparer<(int, IEnumerable<double>)>
    {
        public bool Equals((int, IEnumerable<double>) x, (int, IEnumerable<double>) y) =>
            x.Item1 == y.Item1 && x.Item2.Count() == y.Item2.Count() && x.Item2.Zip(y.Item2).All(p => Math.Abs(p.First - p.Second) < 1e-15);
        public int GetHashCode((int, IEnumerable<double>) obj) => obj.Item1;
    }
}
