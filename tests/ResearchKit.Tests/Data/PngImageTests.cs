using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class PngImageTests
{
    [Fact]
    public void PaletteImage_ToRgb_LooksUpEveryIndex()
    {
        var img = Png.Read(DataFixtures.Png("palette4.png"));
        var rgb = img.ToRgbImage();
        for (int p = 0; p < img.Width * img.Height; p++)
            Assert.Equal(img.Palette.AsSpan(img.Samples8![p] * 3, 3).ToArray(), rgb.Data.AsSpan(p * 3, 3).ToArray());
    }

    [Fact]
    public void TwoBitGray_ToRgb_ScalesZeroToThreeOntoZeroTo255()
    {
        var two = Png.Read(DataFixtures.Png("gray2_filters.png"));
        var rgb = two.ToRgbImage();
        int[] scale = [0, 85, 170, 255];
        for (int p = 0; p < two.Samples8!.Length; p++)
            Assert.Equal([scale[two.Samples8[p]], scale[two.Samples8[p]], scale[two.Samples8[p]]],
                rgb.Data.AsSpan(p * 3, 3).ToArray().Select(v => (int)v).ToArray());
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(128, 0)]     // 128*255/65535 = 0.498 -> 0
    [InlineData(129, 1)]     // 0.502 -> 1
    [InlineData(32896, 128)] // 128.0 exactly (257*128)
    [InlineData(65535, 255)]
    public void SixteenBitSample_RoundsToNearestEightBit(int v16, int v8) =>
        Assert.Equal(v8, PngImage.To8Bit((ushort)v16));

    [Fact]
    public void Rgba16_ToRgb_DropsAlphaAndRounds()
    {
        var img = Png.Read(DataFixtures.Png("rgba16.png"));
        var rgb = img.ToRgbImage();
        Assert.Equal(PngImage.To8Bit(img.Samples16![4 * 7 + 2]), rgb.Data[3 * 7 + 2]); // pixel 7, blue
        Assert.Equal(img.Width * img.Height * 3, rgb.Data.Length);
    }

    [Fact]
    public void GrayAlpha_ToRgb_ReplicatesGray()
    {
        var img = Png.Read(DataFixtures.Png("la8.png"));
        var rgb = img.ToRgbImage();
        Assert.Equal([img.Samples8![6], img.Samples8[6], img.Samples8[6]], rgb.Data.AsSpan(9, 3).ToArray()); // pixel 3
    }

    [Fact]
    public void PaletteIndices_BecomeLabels()
    {
        var img = Png.Read(DataFixtures.Png("palette8.png"));
        Assert.Equal(img.Samples8, img.ToLabelMap().Data);
    }

    [Theory]
    [InlineData("rgb8.png", "cannot read labels from a 8-bit RGB PNG (labels must be 8-bit gray or palette indices)")]
    [InlineData("gray16.png", "cannot read labels from a 16-bit gray PNG (labels must be 8-bit gray or palette indices)")]
    [InlineData("la8.png", "cannot read labels from a 8-bit gray+alpha PNG (labels must be 8-bit gray or palette indices)")]
    public void NonLabelPng_ToLabelMap_IsRefusedNamingTheFile(string name, string problem)
    {
        string path = DataFixtures.Png(name);
        var e = Assert.Throws<InvalidDataException>(() => Png.Read(path).ToLabelMap());
        Assert.Equal($"{path}: {problem}", e.Message);
    }

    [Fact]
    public void PaletteIndexBeyondPalette_ToRgb_IsRefused()
    {
        // 2x1 palette image with a one-colour PLTE; the second pixel uses index 1, which has no colour.
        var png = PngTestFiles.Make(2, 1, 8, 3, [0, 0, 1], [("PLTE", [9, 8, 7])]);
        var img = Png.Decode(png, "p.png");
        Assert.Equal([0, 1], img.ToLabelMap().Data);
        var e = Assert.Throws<InvalidDataException>(() => img.ToRgbImage());
        Assert.Equal("p.png: palette index 1 at (0, 1) is beyond the 1-entry palette", e.Message);
    }

    [Fact]
    public void PaletteImageWithoutPlte_IsRejected()
    {
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(PngTestFiles.Make(1, 1, 8, 3, [0, 0], []), "n.png"));
        Assert.Equal("n.png: palette image has no PLTE chunk before IDAT", e.Message);
    }

    [Fact]
    public void SecondPlteChunk_IsRejected()
    {
        var png = PngTestFiles.Make(1, 1, 8, 3, [0, 0], [("PLTE", [1, 2, 3]), ("PLTE", [4, 5, 6])]);
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "two.png"));
        Assert.Equal("two.png: second PLTE chunk", e.Message);
    }

    [Fact]
    public void TrnsLongerThanThePalette_IsRejected()
    {
        var png = PngTestFiles.Make(1, 1, 8, 3, [0, 0], [("PLTE", [1, 2, 3]), ("tRNS", [0, 0])]);
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "t.png"));
        Assert.Equal("t.png: tRNS chunk has 2 bytes, which does not fit colour type 3", e.Message);
    }
}
