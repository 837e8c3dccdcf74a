using ResearchKit.Data;
using ResearchKit.Labels;

namespace ResearchKit.Tests.Labels;

public class DownsamplingFidelityTests
{
    private const byte V = 11;

    [Fact]
    public void EightByEight_GivesHandCountedDistanceRetentionAndCoverage()
    {
        var nearest = new DownsamplingFidelity(LabelDownsampling.NearestCentre, 4, 4, V);
        nearest.Add(LabelDownsamplerTests.EightByEight());
        // TV per pixel against the box: TL ½(15/16 + 15/16) = 15/16, TR ½(1/8 + 1/8) = 1/8, BL 0, BR ½·1/4 = 1/8.
        Assert.Equal((15.0 / 16 + 1.0 / 8 + 1.0 / 8) / 4, nearest.TvDistance, 7);
        // Class 0: 31 source pixels, kept 16·1 (BL) → 16/31; class 2: 1 pixel, kept 16·1 (TL) → 16.
        Assert.Equal(16.0 / 31, nearest.Retention(0), 7);
        Assert.Equal(16.0, nearest.Retention(2), 7);
        // Class 3 is in TR's block only and NearestCentre drops it; class 0 is in TL and BL but kept only in BL.
        Assert.Equal(0.0, nearest.Coverage(3));
        Assert.Equal(0.5, nearest.Coverage(0));
        var box = new DownsamplingFidelity(LabelDownsampling.SoftBox, 4, 4, V);
        box.Add(LabelDownsamplerTests.EightByEight());
        Assert.Equal(0.0, box.TvDistance);
        Assert.All(Enumerable.Range(0, 4), c => Assert.Equal((1.0, 1.0), (Math.Round(box.Retention(c), 6), box.Coverage(c))));
    }

    [Fact]
    public void AllVoidBlocks_AreLeftOutOfTheDistance_AndAbsentClassesAreNaN()
    {
        var m = new DownsamplingFidelity(LabelDownsampling.NearestTopLeft, 2, 3, V);
        m.Add(new LabelMap(2, 4, [V, V, 0, 1, V, V, 1, 1]));
        Assert.Equal(0.75, m.TvDistance, 7); // only the right block counts: one-hot 0 vs box 0:1/4 1:3/4 → ½(3/4 + 3/4)
        Assert.True(double.IsNaN(m.Retention(2)));
        Assert.True(double.IsNaN(m.Coverage(2)));
    }
    [Fact]
    public void Measure_InChunksOnAnyThreadCount_EqualsAddingEachLabelInTurn()
    {
        var rng = new Random(5);
        var labels = Enumerable.Range(0, 21).Select(_ => new LabelMap(16, 24, Enumerable.Range(0, 16 * 24)
            .Select(_ => (byte)(rng.Next(6) == 0 ? V : rng.Next(4))).ToArray())).ToArray(); // 21 labels: three chunks of 8, the last short
        var rules = Enum.GetValues<LabelDownsampling>();
        var one = DownsamplingFidelity.Measure(labels, rules, [2, 4, 8], 4, V, threads: 1);
        var two = DownsamplingFidelity.Measure(labels, rules, [2, 4, 8], 4, V, threads: 2);
        var k = 0;
        foreach (var rule in rules)
            foreach (var f in new[] { 2, 4, 8 })
            {
                var turn = new DownsamplingFidelity(rule, f, 4, V);
                foreach (var label in labels) turn.Add(label);
                Assert.Equal((rule, f, 21), (one[k].Rule, one[k].Factor, one[k].Images));
                Assert.Equal(Measures(one[k]), Measures(two[k])); // bitwise: the chunks do not depend on the threads
                Assert.Equal(Measures(turn), Measures(one[k]), new Near(1e-12));
                k++;
            }
    }

    private static double[] Measures(DownsamplingFidelity m) =>
        [m.TvDistance, .. Enumerable.Range(0, 4).SelectMany(c => new[] { m.Retention(c), m.Coverage(c) })];

    private sealed class Near(double eps) : IEqualityComparer<double[]>
    {
        public bool Equals(double[]? x, double[]? y) => x!.Length == y!.Length && x.Zip(y).All(p => Math.Abs(p.First - p.Second) <= eps);
        public int GetHashCode(double[] obj) => 0;
    }
}
