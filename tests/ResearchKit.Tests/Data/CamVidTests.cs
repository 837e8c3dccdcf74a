using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

/// <summary>CamVid on the real data at DataPaths.CamVid (scripts/setup.sh puts it there) and on tiny temporary copies of its layout.</summary>
public class CamVidTests
{
    // Per-class pixel counts of train, from data/camvid/README.md (ids 0..11).
    private static readonly long[] TrainPixelsPerClass =
        [10_682_767, 14_750_079, 623_349, 20_076_880, 2_845_085, 6_166_762, 743_859, 714_595, 3_719_877, 405_385, 184_967, 2_503_995];

    private static readonly Lazy<LabelMap[]> TrainLabels = new(() => CamVid.Open(DataPaths.CamVid).Split("train").LoadAllLabels());

    [Fact]
    public void RealData_HasTheSegNetSplitSizes()
    {
        var camvid = CamVid.Open(DataPaths.CamVid);
        Assert.Equal(367, camvid.Split("train").Count);
        Assert.Equal(101, camvid.Split("val").Count);
        Assert.Equal("0001TP_006690.png", camvid.Split("train").Names[0]);
    }

    [Fact]
    public void RealTrainLabels_Are360By480WithValues0To11()
    {
        Assert.All(TrainLabels.Value, l => Assert.Equal((360, 480), (l.Height, l.Width)));
        Assert.All(TrainLabels.Value, l => Assert.True(l.Data.AsSpan().IndexOfAnyInRange((byte)12, (byte)255) < 0));
    }

    [Fact]
    public void RealTrainLabels_ClassPixelCounts_EqualTheReadmeTable()
    {
        var counts = new long[256];
        foreach (var l in TrainLabels.Value)
            foreach (byte v in l.Data) counts[v]++;
        Assert.Equal(TrainPixelsPerClass, counts[..12]);
        Assert.Equal(63_417_600, counts.Sum()); // 367 x 172,800, so no value above 11
    }

    [Fact]
    public void ThinClasses_AreTheFiveSmallestByTrainPixelShare()
    {
        var smallest = Enumerable.Range(0, CamVid.NumClasses).OrderBy(c => TrainPixelsPerClass[c]).Take(5).Order();
        Assert.Equal(smallest, CamVid.ThinClassIds.Order());
        Assert.Equal([2, 6, 7, 9, 10], CamVid.ThinClassIds); // Pole, SignSymbol, Fence, Pedestrian, Bicyclist
    }

    [Fact]
    public void RealValLabels_ContainAll12Values()
    {
        var seen = new bool[256];
        foreach (var l in CamVid.Open(DataPaths.CamVid).Split("val").LoadAllLabels())
            foreach (byte v in l.Data) seen[v] = true;
        Assert.Equal(Enumerable.Range(0, 12), Enumerable.Range(0, 256).Where(v => seen[v]));
    }

    [Theory]
    [InlineData("train", 367)]
    [InlineData("val", 101)]
    public void RealImages_AreAll360By480Rgb(string name, int count)
    {
        var images = CamVid.Open(DataPaths.CamVid).Split(name).LoadAllImages();
        Assert.Equal(count, images.Length);
        Assert.All(images, im => Assert.Equal((360, 480, 518_400), (im.Height, im.Width, im.Data.Length)));
    }

    [Fact]
    public void RealPair_LoadsImageAndLabelOfTheSameSize()
    {
        var (image, label) = CamVid.Open(DataPaths.CamVid).Split("val").Load(0);
        Assert.Equal((360, 480, 360 * 480 * 3), (image.Height, image.Width, image.Data.Length));
        Assert.Equal((360, 480), (label.Height, label.Width));
    }

    [Fact]
    public void ClassTables_Have11NamesAnd12Colours()
    {
        Assert.Equal(11, CamVid.ClassNames.Count);
        Assert.Equal("Bicyclist", CamVid.ClassNames[10]);
        Assert.Equal(36, CamVid.Palette.Length);
        Assert.Equal([60, 40, 222], CamVid.Palette.Slice(4 * 3, 3).ToArray()); // Pavement
    }

    [Fact]
    public void LabelValueAboveIgnoreIndex_IsRejectedWithPositionAndPath()
    {
        using var tiny = new TinyCamVid();
        var data = new byte[4 * 5];
        data[1 * 5 + 2] = 37;
        tiny.Add("train", "a.png", new RgbImage(4, 5, new byte[60]), new LabelMap(4, 5, data));
        var split = CamVid.Open(tiny.Root).Split("train");
        var e = Assert.Throws<InvalidDataException>(() => split.LoadLabel(0));
        Assert.Equal($"{split.LabelPath(0)}: label value 37 at (1, 2) is not a class id (0..10) or the ignore index 11", e.Message);
    }

    [Fact]
    public void IgnoreIndex11_IsAccepted()
    {
        using var tiny = new TinyCamVid();
        tiny.Add("train", "a.png", new RgbImage(1, 3, new byte[9]), new LabelMap(1, 3, [0, 10, 11]));
        Assert.Equal([0, 10, 11], CamVid.Open(tiny.Root).Split("train").LoadLabel(0).Data);
    }

    [Fact]
    public void ImageAndLabelOfDifferentSizes_AreRejectedNamingBoth()
    {
        using var tiny = new TinyCamVid();
        tiny.Add("val", "b.png", new RgbImage(4, 6, new byte[72]), new LabelMap(4, 5, new byte[20]));
        var split = CamVid.Open(tiny.Root).Split("val");
        var e = Assert.Throws<InvalidDataException>(() => split.Load(0));
        Assert.Equal($"{split.ImagePath(0)} is 6x4 (width x height) but its label {split.LabelPath(0)} is 5x4", e.Message);
    }

    [Fact]
    public void MissingSplit_IsRejectedNamingItsFolder()
    {
        using var tiny = new TinyCamVid();
        var e = Assert.Throws<DirectoryNotFoundException>(() => CamVid.Open(tiny.Root).Split("test"));
        Assert.Equal($"{Path.Combine(tiny.Root, "test")}: split folder not found", e.Message);
    }

    [Fact]
    public void ImageWithoutLabel_IsRejectedNamingTheMissingLabel()
    {
        using var tiny = new TinyCamVid();
        tiny.Add("train", "a.png", new RgbImage(1, 1, new byte[3]), new LabelMap(1, 1, [0]));
        File.Copy(Path.Combine(tiny.Root, "train", "a.png"), Path.Combine(tiny.Root, "train", "b.png"));
        var e = Assert.Throws<InvalidDataException>(() => CamVid.Open(tiny.Root).Split("train"));
        Assert.StartsWith($"{Path.Combine(tiny.Root, "trainannot", "b.png")}: label missing for image", e.Message);
    }

    [Fact]
    public void MissingRoot_IsRejectedNamingIt()
    {
        string root = Path.Combine(Path.GetTempPath(), "rk-no-camvid-" + Guid.NewGuid().ToString("N"));
        var e = Assert.Throws<DirectoryNotFoundException>(() => CamVid.Open(root));
        Assert.StartsWith($"{root}: CamVid folder not found", e.Message);
    }

    [Fact]
    public void LoadAllLabels_SurfacesTheFileErrorUnwrapped()
    {
        using var tiny = new TinyCamVid();
        tiny.Add("train", "a.png", new RgbImage(1, 1, new byte[3]), new LabelMap(1, 1, [200]));
        var e = Assert.Throws<InvalidDataException>(() => CamVid.Open(tiny.Root).Split("train").LoadAllLabels());
        Assert.Contains("label value 200 at (0, 0)", e.Message);
    }

    /// <summary>A CamVid-layout folder in the temp folder, deleted on dispose.</summary>
    private sealed class TinyCamVid : IDisposable
    {
        public string Root { get; } = DataFixtures.TempFolder();

        public void Add(string split, string name, RgbImage image, LabelMap label)
        {
            Directory.CreateDirectory(Path.Combine(Root, split));
            Directory.CreateDirectory(Path.Combine(Root, split + "annot"));
            Png.Write(Path.Combine(Root, split, name), Png.EncodeRgb(image));
            Png.Write(Path.Combine(Root, split + "annot", name), Png.EncodeGray(label));
        }

        public void Dispose() => Directory.Delete(Root, true);
    }
}
