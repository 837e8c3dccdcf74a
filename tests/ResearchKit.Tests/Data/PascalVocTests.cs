using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class PascalVocTests
{
    private static readonly string Root = DataFixtures.Dataset("voc", "VOC2012");

    [Theory]
    [InlineData(0, 0, 0, 0)]
    [InlineData(1, 128, 0, 0)]       // aeroplane
    [InlineData(2, 0, 128, 0)]
    [InlineData(4, 0, 0, 128)]
    [InlineData(15, 192, 128, 128)]  // person
    [InlineData(20, 0, 64, 128)]     // tvmonitor
    [InlineData(255, 224, 224, 192)] // void border
    public void Colormap_HasTheStandardVocColours(int index, int r, int g, int b) =>
        Assert.Equal([(byte)r, (byte)g, (byte)b], PascalVoc.Colormap().AsSpan(index * 3, 3).ToArray());

    [Fact]
    public void Colormap_MatchesTheFixtureScriptsBitgetColormap()
    {
        var expected = DataFixtures.Ints(DataFixtures.DatasetExpected.GetProperty("voc").GetProperty("colormap"));
        var map = PascalVoc.Colormap();
        Assert.Equal(expected, map.Take(21 * 3).Concat(map.Skip(255 * 3)).Select(v => (int)v));
    }

    [Fact]
    public void ValSplit_ReadsPaletteIndicesOfEveryListedImage()
    {
        var split = PascalVoc.Open(Root).Split("val");
        Assert.Equal(["2007_000032", "2007_000039"], split.Names);
        var all = split.LoadAllLabels();
        for (int i = 0; i < split.Count; i++)
        {
            var e = DataFixtures.DatasetExpected.GetProperty("voc").GetProperty(split.Names[i]);
            Assert.Equal((5, 6), (all[i].Height, all[i].Width));
            Assert.Equal(DataFixtures.Ints(e.GetProperty("labels")), all[i].Data.Select(v => (int)v));
        }
        Assert.Equal(PngColorType.Palette, Png.Read(split.LabelPath(0)).ColorType);
    }

    [Fact]
    public void ValueBetween21And254_IsRejected()
    {
        string dir = DataFixtures.TempFolder();
        try
        {
            string path = Path.Combine(dir, "bad.png");
            Png.Write(path, Png.EncodePalette(new LabelMap(2, 2, [0, 255, 21, 3]), PascalVoc.Colormap()));
            var e = Assert.Throws<InvalidDataException>(() => PascalVoc.ReadLabel(path));
            Assert.Equal($"{path}: label value 21 at (1, 0) is not a class id (0..20) or the ignore index 255", e.Message);
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void MissingSplitList_IsRejectedNamingIt()
    {
        var e = Assert.Throws<FileNotFoundException>(() => PascalVoc.Open(Root).Split("trainaug"));
        Assert.Equal($"{Path.Combine(Root, "ImageSets", "Segmentation", "trainaug.txt")}: split list not found", e.Message);
    }
}
