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
        var batches = loader.Plan(0).Select(loader.Assemble).ToList();
        Assert.Equal(2, batches.Count); // 10 samples, batches of 4
        Assert.Equal(4 * 3 * 32 * 48, batches[0].Images.Length);
        using (var tensors = batches[0].ToTensors()) Assert.Equal([4L, 3, 32, 48], tensors.Images.shape);
        Assert.Equal(4 * 32 * 48, batches[0].Labels.Length);
    }

    [Fact]
    public void SameSeedAndEpoch_GiveIdenticalBatches_OtherEpochsDiffer()
    {
        var a = Host(new SegmentationLoader(Set.Value, 4, 32, 48, seed: 3), 2);
        var b = Host(new SegmentationLoader(Set.Value, 4, 32, 48, seed: 3), 2);
        for (var i = 0; i < a.Count; i++)
        {
            Assert.Equal(a[i].Images, b[i].Images);
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
        var batch = loader.Assemble(loader.Plan(0)[0]);
        Assert.Contains(plan.SelectMany(p => p), d => d.Flipped);
        Assert.Contains(plan.SelectMany(p => p), d => !d.Flipped);
        for (var n = 0; n < 4; n++)
        {
            var (s, top, left, flipped) = plan[0][n];
            for (var r = 0; r < 32; r += 7)
            for (var q = 0; q < 48; q += 5)
            {
                var col = left + (flipped ? 47 - q : q);
                Assert.Equal((long)set.Labels[s][top + r, col], batch.Labels[(n * 32 + r) * 48 + q]);
                Assert.Equal(set.Images[s][(2 * set.Height + top + r) * set.Width + col], batch.Images[((n * 3 + 2) * 32 + r) * 48 + q]);
            }
        }
        Assert.All(batch.Labels, v => Assert.InRange(v, 0L, 11L)); // ids pass through unchanged, void included
    }

    [Fact]
    public void ACropLargerThanTheSamples_IsTheWholeSamplePaddedBottomRight_FlipMirroringOnlyTheSample()
    {
        var set = Set.Value;
        var loader = new SegmentationLoader(set, 4, 48, 64, seed: 0);
        var plan = loader.Plan(0)[0];
        var batch = loader.Assemble(loader.Plan(0)[0]);
        int hw = set.Height * set.Width, ch = 48 * 64;
        for (var n = 0; n < 4; n++)
        {
            var (s, top, left, flipped) = plan[n];
            Assert.Equal((0, 0), (top, left));
            for (var r = 0; r < 48; r++)
            for (var q = 0; q < 64; q++)
            {
                var at = n * ch + r * 64 + q;
                if (r >= set.Height || q >= set.Width)
                {
                    Assert.Equal(set.IgnoreIndex, (int)batch.Labels[at]);
                    Assert.Equal(0f, batch.Images[(n * 3 + 1) * ch + r * 64 + q]);
                    continue;
                }
                var col = flipped ? set.Width - 1 - q : q;
                Assert.Equal((long)set.Labels[s][r, col], batch.Labels[at]);
                Assert.Equal(set.Images[s][2 * hw + r * set.Width + col], batch.Images[(n * 3 + 2) * ch + r * 64 + q]);
            }
        }
    }

    [Fact]
    public void SoftTargets_FollowTheirCropAndFlip_AndPadWithTheZeroVector()
    {
        var set = SegmentationSet.Load(CamVid.Open(DataPaths.CamVid).Split("train"), 8, ImageResize.Area, LabelDownsampling.SoftBox, limit: 4);
        Assert.NotNull(set.SoftTargets);
        Assert.Equal((11, 45, 60), (set.SoftTargets![0].NumClasses, set.SoftTargets[0].Height, set.SoftTargets[0].Width));
        var loader = new SegmentationLoader(set, 4, 48, 64, seed: 1);
        var (plan, batch) = (loader.Plan(0)[0], loader.Assemble(loader.Plan(0)[0]));
        Assert.Equal(4 * 11 * 48 * 64, batch.Targets!.Length);
        using (var tensors = batch.ToTensors()) Assert.Equal([4L, 11, 48, 64], tensors.Targets!.shape);
        var ch = 48 * 64;
        for (var n = 0; n < 4; n++)
        {
            var t = set.SoftTargets[plan[n].Sample];
            foreach (var (r, q) in new[] { (0, 0), (10, 17), (44, 59), (45, 3), (7, 60), (47, 63) })
                for (var c = 0; c < 11; c++)
                {
                    var expected = r < 45 && q < 60 ? t[c, r, plan[n].Flipped ? 59 - q : q] : 0f;
                    Assert.Equal(expected, batch.Targets[(n * 11 + c) * ch + r * 64 + q]);
                }
        }
        // Soft rules keep the Majority labels beside the targets (the argmax of SoftBox).
        Assert.Equal(LabelDownsampler.Downsample(CamVid.Open(DataPaths.CamVid).Split("train").LoadLabel(0), 8, LabelDownsampling.Majority, 11, 11).Data,
            set.Labels[0].Data);
    }

    [Fact]
    public void RandomScale_WithSoftTargets_IsRefused()
    {
        var set = SegmentationSet.Load(CamVid.Open(DataPaths.CamVid).Split("train"), 8, ImageResize.Area, LabelDownsampling.SoftBilinear, limit: 4);
        var e = Assert.Throws<ArgumentException>(() => new SegmentationLoader(set, 4, 32, 48, seed: 0, scale: (0.5, 2.0)));
        Assert.Contains("soft targets", e.Message);
    }

    [Fact]
    public void RandomScale_IsDrawnInItsRange_AndSeeded()
    {
        var a = new SegmentationLoader(Set.Value, 4, 32, 48, seed: 2, scale: (0.5, 2.0)).Plan(1).SelectMany(p => p).ToArray();
        var b = new SegmentationLoader(Set.Value, 4, 32, 48, seed: 2, scale: (0.5, 2.0)).Plan(1).SelectMany(p => p).ToArray();
        Assert.Equal(a, b);
        Assert.All(a, d => Assert.InRange(d.Scale, 0.5, 2.0));
        Assert.True(a.Select(d => d.Scale).Distinct().Count() > 1);
        // No range: no scale draw, so the plan is the one every earlier run saw.
        Assert.Equal(new SegmentationLoader(Set.Value, 4, 32, 48, seed: 2).Plan(1).SelectMany(p => p).Select(d => (d.Sample, d.Top, d.Left, d.Flipped)),
            new SegmentationLoader(Set.Value, 4, 32, 48, seed: 2, scale: null).Plan(1).SelectMany(p => p).Select(d => (d.Sample, d.Top, d.Left, d.Flipped)));
        Assert.Throws<ArgumentException>(() => new SegmentationLoader(Set.Value, 4, 32, 48, seed: 2, scale: (2.0, 1.0)));
    }

    [Fact]
    public void UpScaledSample_TakesNearestLabels_AndBilinearPixels()
    {
        var set = Set.Value;
        var loader = new SegmentationLoader(set, 4, 32, 48, seed: 7, scale: (2.0, 2.0)); // 45×60 → 90×120
        var plan = loader.Plan(0)[0];
        var batch = loader.Assemble(loader.Plan(0)[0]);
        for (var n = 0; n < 4; n++)
        {
            var d = plan[n];
            for (var r = 0; r < 32; r += 5)
            for (var q = 0; q < 48; q += 7)
            {
                var x = d.Left + (d.Flipped ? 47 - q : q);
                int y = d.Top + r, sy = (int)((y + 0.5) / 2), sx = (int)((x + 0.5) / 2);
                Assert.Equal((long)set.Labels[d.Sample][sy, sx], batch.Labels[(n * 32 + r) * 48 + q]);
            }
            // Even output rows/columns sit a quarter pixel before a source pixel: ¾ of it and ¼ of its upper/left neighbour.
            int yy = d.Top + (d.Top % 2 == 0 ? 2 : 1), xx = d.Left + (d.Left % 2 == 0 ? 2 : 1), rr = yy - d.Top;
            if (d.Flipped) continue;
            var qq = xx - d.Left;
            double py = (yy + 0.5) / 2 - 0.5, px = (xx + 0.5) / 2 - 0.5;
            int y0 = (int)py, x0 = (int)px;
            double wy = py - y0, wx = px - x0;
            float P(int yi, int xi) => set.Images[d.Sample][yi * set.Width + xi]; // channel 0
            var expected = (1 - wy) * ((1 - wx) * P(y0, x0) + wx * P(y0, x0 + 1)) + wy * ((1 - wx) * P(y0 + 1, x0) + wx * P(y0 + 1, x0 + 1));
            Assert.Equal(expected, batch.Images[(n * 3 * 32 + rr) * 48 + qq], 5);
        }
    }

    [Fact]
    public void DownScaledSampleSmallerThanTheCrop_IsPaddedWithZeroAndIgnore()
    {
        var set = Set.Value;
        var loader = new SegmentationLoader(set, 4, 32, 48, seed: 7, scale: (0.5, 0.5)); // 45×60 → 23×30
        var batch = loader.Assemble(loader.Plan(0)[0]);
        for (var n = 0; n < 4; n++)
        {
            Assert.Equal(11L, batch.Labels[(n * 32 + 31) * 48 + 47]);                 // bottom-right: padding
            Assert.Equal(0f, batch.Images[(n * 3 * 32 + 31) * 48 + 47]);
            Assert.InRange(batch.Labels[(n * 32 + 0) * 48 + 0], 0L, 11L);
        }
        Assert.Equal(0, loader.Plan(0).SelectMany(p => p).Sum(d => d.Top + d.Left)); // nothing to choose: the crop starts at 0
    }

    private static List<HostBatch> Host(SegmentationLoader loader, int epoch) => loader.Plan(epoch).Select(loader.Assemble).ToList();
}
