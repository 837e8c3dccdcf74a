using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class CityscapesTests
{
    private static readonly string Root = DataFixtures.Dataset("cityscapes");

    [Theory]
    [InlineData(0, 255)]  // unlabeled
    [InlineData(6, 255)]  // ground
    [InlineData(7, 0)]    // road
    [InlineData(8, 1)]    // sidewalk
    [InlineData(11, 2)]   // building
    [InlineData(23, 10)]  // sky
    [InlineData(26, 13)]  // car
    [InlineData(29, 255)] // caravan
    [InlineData(31, 16)]  // train
    [InlineData(33, 18)]  // bicycle
    public void TrainIdOf_FollowsTheCityscapesTable(int labelId, int trainId) =>
        Assert.Equal(trainId, Cityscapes.TrainIdOf(labelId));

    [Fact]
    public void TrainIdTable_UsesEachTrainIdExactlyOnce()
    {
        var used = Enumerable.Range(0, 34).Select(Cityscapes.TrainIdOf).Where(t => t != 255).OrderBy(t => t);
        Assert.Equal(Enumerable.Range(0, 19).Select(t => (byte)t), used);
        Assert.Equal(19, Cityscapes.ClassNames.Count);
        Assert.Equal(57, Cityscapes.Palette.Length);
    }

    [Fact]
    public void ValSplit_ListsFramesOfEveryCitySortedByName()
    {
        var split = Cityscapes.Open(Root).Split("val");
        Assert.Equal(["frankfurt_000000_000294", "lindau_000001_000019"], split.Names);
    }

    [Fact]
    public void LabelIds_AreMappedToTheTrainIdsTheFixtureScriptComputed()
    {
        var split = Cityscapes.Open(Root).Split("val");
        for (int i = 0; i < split.Count; i++)
        {
            var e = DataFixtures.DatasetExpected.GetProperty("cityscapes").GetProperty(split.Names[i]);
            var labels = split.LoadLabel(i);
            Assert.Equal((4, 8), (labels.Height, labels.Width));
            Assert.Equal(DataFixtures.Ints(e.GetProperty("trainIds")), labels.Data.Select(v => (int)v));
            Assert.Equal(DataFixtures.Ints(e.GetProperty("trainIds")), split.LoadTrainIdLabel(i).Data.Select(v => (int)v));
        }
    }

    [Fact]
    public void Images_DecodeToTheFixturePixels()
    {
        var split = Cityscapes.Open(Root).Split("val");
        var (image, _) = split.Load(1);
        var e = DataFixtures.DatasetExpected.GetProperty("cityscapes").GetProperty("lindau_000001_000019");
        Assert.Equal(DataFixtures.Ints(e.GetProperty("rgb")), image.Data.Select(v => (int)v));
    }

    [Fact]
    public void LabelIdAbove33_IsRejectedNamingTheFile()
    {
        string dir = DataFixtures.TempFolder();
        try
        {
            string path = Path.Combine(dir, "x_gtFine_labelIds.png");
            Png.Write(path, Png.EncodeGray(new LabelMap(1, 2, [7, 34])));
            var e = Assert.Throws<InvalidDataException>(() => Cityscapes.ReadLabelIds(path));
            Assert.Equal($"{path}: label value 34 at (0, 1) is not a class id (0..33)", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void MissingSplit_IsRejectedNamingItsFolder()
    {
        var e = Assert.Throws<DirectoryNotFoundException>(() => Cityscapes.Open(Root).Split("train"));
        Assert.Equal($"{Path.Combine(Root, "gtFine", "train")}: split folder not found", e.Message);
    }
}
