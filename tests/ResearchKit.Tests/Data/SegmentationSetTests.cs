using ResearchKit.Data;
using ResearchKit.Labels;

namespace ResearchKit.Tests.Data;

public sealed class SegmentationSetTests
{
    private static RgbImage Ramp(int h, int w) =>
        new(h, w, Enumerable.Range(0, h * w * 3).Select(i => (byte)(i / 3 * 10 + i % 3)).ToArray());

    [Fact]
    public void AreaReduction_AveragesEachBlock()
    {
        // 2x4 image, channel 0 values p·10 for pixel p = 0..7; factor 2 blocks {0,1,4,5} and {2,3,6,7}.
        var small = SegmentationSet.Reduce(Ramp(2, 4), 2, ImageResize.Area);
        Assert.Equal(1, small.Height);
        Assert.Equal(2, small.Width);
        Assert.Equal([25, 26, 27, 45, 46, 47], small.Data); // (0+10+40+50)/4 = 25, (20+30+60+70)/4 = 45; +1, +2 for G, B
    }

    [Fact]
    public void BilinearReduction_SamplesBlockCentres()
    {
        // Factor 3 samples source (j+0.5)·3 − 0.5 = 3j + 1: the centre pixel of each 3x3 block exactly.
        var image = Ramp(3, 6);
        var small = SegmentationSet.Reduce(image, 3, ImageResize.Bilinear);
        Assert.Equal([70, 71, 72, 100, 101, 102], small.Data); // pixels (1,1) = 7 and (1,4) = 10
        // Factor 2 samples 2j + 0.5 on both axes: the mean of the block, as area.
        Assert.Equal(SegmentationSet.Reduce(Ramp(2, 4), 2, ImageResize.Area).Data, SegmentationSet.Reduce(Ramp(2, 4), 2, ImageResize.Bilinear).Data);
    }

    [Fact]
    public void ImageNorm_MapsTheMeanColourToZero_AndIsPlanar()
    {
        var image = new RgbImage(1, 2, [124, 116, 104, 255, 0, 0]); // ≈ the ImageNet mean, then pure red
        var planes = ImageNorm.Planes(image);
        Assert.Equal(6, planes.Length);
        Assert.InRange(planes[0], -0.01f, 0.01f); // R of pixel 0
        Assert.InRange(planes[2], -0.01f, 0.01f); // G of pixel 0
        Assert.Equal((1f - 0.485f) / 0.229f, planes[1], 4); // R of pixel 1
        Assert.Equal(-0.406f / 0.225f, planes[5], 4); // B of pixel 1
    }

    [Fact]
    public void CamVidTrain_LoadsAtAQuarterResolution_WithLabelsFromTheNamedRule()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("train");
        var set = SegmentationSet.Load(split, 4, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 3);
        Assert.Equal((3, 90, 120), (set.Count, set.Height, set.Width));
        Assert.Equal(3 * 90 * 120, set.Images[0].Length);
        var full = split.LoadLabel(1);
        Assert.Equal(LabelDownsampler.Downsample(full, 4, LabelDownsampling.NearestCentre, 11, 11).Data, set.Labels[1].Data);
    }

    [Fact]
    public void AFactorThatDoesNotDivideTheImage_IsRefusedNamingTheFile()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var e = Assert.Throws<InvalidDataException>(() => SegmentationSet.Load(split, 7, ImageResize.Area, LabelDownsampling.Majority, limit: 1));
        Assert.Equal($"{split.ImagePath(0)}: 360x480 does not divide by the factor 7", e.Message);
    }

    [Fact]
    public void BlockLabels_AreTheMajorityOfEachTile_ReplicatedBeforeTheReduction()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("train");
        var dense = split.LoadLabel(0);
        var set = SegmentationSet.Load(split, 1, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 1, blockSize: 8);
        var expected = LabelDownsampler.Downsample(dense, 8, LabelDownsampling.Majority, CamVid.NumClasses, CamVid.IgnoreIndex);
        var label = set.Labels[0];
        for (var r = 0; r < 360; r += 7)
            for (var q = 0; q < 480; q += 11)
                Assert.Equal(expected[r / 8, q / 8], label[r, q]);
        Assert.NotEqual(dense.Data, label.Data);
        var reduced = SegmentationSet.Load(split, 4, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 1, blockSize: 8).Labels[0];
        Assert.Equal(expected[0, 0], reduced[0, 0]);  // a 90×120 pixel lies inside one 8×8 block
        Assert.Equal(expected[5, 7], reduced[11, 15]); // rows 44..47 → block 5, columns 60..63 → block 7
        Assert.Throws<InvalidDataException>(() => SegmentationSet.Load(split, 1, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 1, blockSize: 7));
    }
}
