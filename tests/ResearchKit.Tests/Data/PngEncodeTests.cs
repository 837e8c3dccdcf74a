using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class PngEncodeTests
{
    [Fact]
    public void GrayRoundTrip_GivesBackTheSameLabels()
    {
        var labels = RandomLabels(37, 23, 12, seed: 1);
        var back = Png.Decode(Png.EncodeGray(labels), "gray.png");
        Assert.Equal((PngColorType.Gray, 8, 37, 23), (back.ColorType, back.BitDepth, back.Height, back.Width));
        Assert.Equal(labels.Data, back.ToLabelMap().Data);
    }

    [Fact]
    public void RgbRoundTrip_GivesBackTheSameBytes()
    {
        var data = new byte[19 * 31 * 3];
        new Random(2).NextBytes(data);
        var back = Png.Decode(Png.EncodeRgb(new RgbImage(19, 31, data)), "rgb.png");
        Assert.Equal((PngColorType.Rgb, 8), (back.ColorType, back.BitDepth));
        Assert.Equal(data, back.ToRgbImage().Data);
    }

    [Fact]
    public void PaletteRoundTrip_KeepsIndicesAndPalette()
    {
        var labels = RandomLabels(8, 9, 12, seed: 3);
        var back = Png.Decode(Png.EncodePalette(labels, CamVid.Palette), "pal.png");
        Assert.Equal(PngColorType.Palette, back.ColorType);
        Assert.Equal(labels.Data, back.ToLabelMap().Data);
        Assert.Equal(CamVid.Palette.ToArray(), back.Palette);
        // Pixel colours come from the CamVid table: class 3 (Road) is 128,64,128.
        int i = Array.IndexOf(labels.Data, (byte)3);
        Assert.Equal([128, 64, 128], back.ToRgbImage().Data.AsSpan(i * 3, 3).ToArray());
    }

    [Fact]
    public void ConstantImage_CompressesToAFewDozenBytes()
    {
        var png = Png.EncodeGray(new LabelMap(360, 480, new byte[360 * 480]));
        Assert.InRange(png.Length, 57, 1000); // 8 signature + 25 IHDR + 12 IEND + 12 IDAT framing = 57 without data
    }

    [Fact]
    public void PaletteTooShortForALabel_IsRejected()
    {
        var labels = new LabelMap(1, 3, [0, 1, 2]);
        var e = Assert.Throws<ArgumentException>(() => Png.EncodePalette(labels, new byte[6]));
        Assert.Equal("Label value 2 at (0, 2) has no colour in the 2-entry palette.", e.Message);
    }

    [Fact]
    public void PaletteNotInTriples_IsRejected() =>
        Assert.Throws<ArgumentException>(() => Png.EncodePalette(new LabelMap(1, 1, [0]), new byte[4]));

    [Fact]
    public void Write_CreatesTheFileAndLeavesNoTemporaryBehind()
    {
        string dir = DataFixtures.TempFolder();
        try
        {
            string path = Path.Combine(dir, "a.png");
            var png = Png.EncodeGray(new LabelMap(2, 2, [0, 1, 2, 3]));
            Png.Write(path, png);
            Png.Write(path, png); // overwriting works too
            Assert.Equal(png, File.ReadAllBytes(path));
            Assert.Equal(["a.png"], Directory.GetFiles(dir).Select(Path.GetFileName));
        }
        finally { Directory.Delete(dir, true); }
    }

    [Fact]
    public void Write_IntoMissingFolder_NamesThePath()
    {
        string path = Path.Combine(Path.GetTempPath(), "rk-missing-" + Guid.NewGuid().ToString("N"), "x.png");
        var e = Assert.Throws<DirectoryNotFoundException>(() => Png.Write(path, [1]));
        Assert.StartsWith($"{path}: folder ", e.Message);
    }

    private static LabelMap RandomLabels(int h, int w, int classes, int seed)
    {
        var rng = new Random(seed);
        var data = new byte[h * w];
        for (int i = 0; i < data.Length; i++) data[i] = (byte)rng.Next(classes);
        return new LabelMap(h, w, data);
    }
}
