using ResearchKit.Data;
using ResearchKit.Labels;

namespace ResearchKit.Tests.Data;

public sealed class SegmentationLoaderTests
{
    private static readonly Lazy<SegmentationSet> Set = new(() =>
        SegmentationSet.Load(CamVid.Open(DataPaths.CamVid).Split("train"), 8, ImageResize.Area, LabelDownsampling.Majority, limit: 10));

    [Fact]
    public void Batches_HaveTheCropShape_AndDropTheLastIncompleteOne()
    {
        var loader = new SegmentationLoader(Set.Value, 4, 32, 48, seed: 1);
        var batches = loader.Epoch(0).ToList();
        Assert.Equal(2, batches.Count); // 10 samples, batches of 4
        Assert.Equal([4, 3, 32, 48], batches[0].Images.Shape);
        Assert.Equal(4 * 32 * 48, batches[0].Labels.Length);
    }

    [Fact]
    public void SameSeedAndEpoch_GiveIdenticalBatches_OtherEpochsDiffer()
    {
        var a = new SegmentationLoader(Set.Value, 4, 32, 48, seed: 3).Epoch(2).ToList();
        var b = new SegmentationLoader(Set.Value, 4, 32, 48, seed: 3).Epoch(2).ToList();
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Images.Data, b[i].Images.Data);
            Assert.Equal(a[i].Labels, b[i].Labels);
        }
        var other = new SegmentationLoader(Set.Value, 4, 32, 48, seed: 3).Plan(3);
        Assert.NotEqual(new SegmentationLoader(Set.Value, 4, 32, 48, seed: 3).Plan(2).SelectMany(p => p), other.SelectMany(p => p));
    }

    [Fact]
    public void EachSample_IsItsCropOfTheSource_FlippedWhenDrawn_LabelsAndPixelsTogether()
    {
        var set = Set.Value;
        var loader = new SegmentationLoader(set, 4, 32, 48, seed: 5);
        var plan = loader.Plan(0);
        var batch = loader.Epoch(0).First();
        Assert.Contains(plan.SelectMany(p => p), d => d.Flipped);
        Assert.Contains(plan.SelectMany(p => p), d => !d.Flipped);
        for (var n = 0; n < 4; n++)
        {
            var (s, top, left, flipped) = plan[0][n];
            for (var r = 0; r < 32; r += 7)
            for (var q = 0; q < 48; q += 5)
            {
                var col = left + (flipped ? 47 - q : q);
                Assert.Equal(set.Labels[s][top + r, col], batch.Labels[(n * 32 + r) * 48 + q]);
                Assert.Equal(set.Images[s][(2 * set.Height + top + r) * set.Width + col], batch.Images.Data[((n * 3 + 2) * 32 + r) * 48 + q]);
            }
        }
        Assert.All(batch.Labels, v => Assert.InRange(v, 0, 11)); // ids pass through unchanged, void included
    }

    [Fact]
    public void ACropLargerThanTheSamples_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new SegmentationLoader(Set.Value, 4, 64, 48, seed: 0));
        Assert.Equal("train: crop 64x48 does not fit the 45x60 samples", e.Message);
    }
}
