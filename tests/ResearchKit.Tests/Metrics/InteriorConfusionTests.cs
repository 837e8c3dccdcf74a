using ResearchKit.Data;
using ResearchKit.Metrics;

namespace ResearchKit.Tests.Metrics;

public sealed class InteriorConfusionTests
{
    private static LabelMap Fill(int h, int w, Func<int, int, byte> id)
    {
        var data = new byte[h * w];
        for (var r = 0; r < h; r++)
            for (var q = 0; q < w; q++) data[r * w + q] = id(r, q);
        return new LabelMap(h, w, data);
    }

    [Fact]
    public void A20x20Square_ErodedBy3_HasAn18x18Interior_AndCountsOnlyOtherValidClasses()
    {
        // Class 1 fills rows/cols 2..21 of a 24×24 map of class 0 (whose component is the frame around it).
        var truth = Fill(24, 24, (r, q) => (byte)(r is >= 2 and <= 21 && q is >= 2 and <= 21 ? 1 : 0));
        // Inside the square: pixel (5,5) predicted 2 (another class), (6,6) predicted void (11, not a valid class), (2,2) on the eroded rim.
        var prediction = Fill(24, 24, (r, q) => (r, q) switch { (5, 5) => 2, (6, 6) => 11, (2, 2) => 3, _ => truth[r, q] });
        var metric = new InteriorConfusion(11, 11, minArea: 100, erosion: 3);
        metric.Add(truth, prediction);
        // The square's interior is 18×18 = 324; the class-0 frame (176 px, above minArea) is 2 px wide, so none of it survives a 3×3 erosion.
        Assert.Equal(324, metric.InteriorPixels);
        Assert.Equal(1, metric.ConfusedPixels);
        Assert.Equal(1.0 / 324, metric.Rate, 12);
    }

    [Fact]
    public void SmallComponents_AndVoid_AreNotCounted_AndDiagonalNeighboursAreSeparateComponents()
    {
        // Two 10×10 blocks of class 4 touching only at a corner: two components of 100 px each, both below minArea 101.
        var truth = Fill(20, 20, (r, q) => (byte)((r < 10) == (q < 10) ? 4 : 11));
        var metric = new InteriorConfusion(11, 11, minArea: 101, erosion: 3);
        metric.Add(truth, Fill(20, 20, (_, _) => 0));
        Assert.Equal(0, metric.InteriorPixels);
        Assert.True(double.IsNaN(metric.Rate));
        var lower = new InteriorConfusion(11, 11, minArea: 100, erosion: 3);
        lower.Add(truth, Fill(20, 20, (_, _) => 0));
        Assert.Equal(2 * 8 * 8, lower.InteriorPixels); // each block's interior: 8×8 (the image edge and void erode it)
        Assert.Equal(1.0, lower.Rate);
    }
}
