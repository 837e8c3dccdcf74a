using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class PngTests
{
    public static TheoryData<string> Fixtures()
    {
        var names = new TheoryData<string>();
        foreach (var f in DataFixtures.PngExpected.EnumerateObject()) names.Add(f.Name);
        return names;
    }

    [Fact]
    public void FixtureSet_CoversEveryColourTypeDepthAndInterlace()
    {
        var kinds = DataFixtures.PngExpected.EnumerateObject()
            .Select(f => (f.Value.GetProperty("colorType").GetInt32(), f.Value.GetProperty("bitDepth").GetInt32()))
            .ToHashSet();
        (int, int)[] needed = [(0, 1), (0, 2), (0, 4), (0, 8), (0, 16), (2, 8), (2, 16), (3, 1), (3, 2), (3, 4), (3, 8),
            (4, 8), (4, 16), (6, 8), (6, 16)];
        Assert.All(needed, k => Assert.Contains(k, kinds));
        Assert.Equal(19, DataFixtures.PngExpected.EnumerateObject().Count());
    }

    [Theory]
    [MemberData(nameof(Fixtures))]
    public void EveryFixture_DecodesToTheValuesItsEncoderWrote(string name)
    {
        var e = DataFixtures.PngExpected.GetProperty(name);
        var img = Png.Read(DataFixtures.Png(name));

        Assert.Equal(e.GetProperty("width").GetInt32(), img.Width);
        Assert.Equal(e.GetProperty("height").GetInt32(), img.Height);
        Assert.Equal(e.GetProperty("colorType").GetInt32(), (int)img.ColorType);
        Assert.Equal(e.GetProperty("bitDepth").GetInt32(), img.BitDepth);
        Assert.Equal(e.GetProperty("channels").GetInt32(), img.Channels);
        int[] decoded = img.Samples8 is not null ? img.Samples8.Select(v => (int)v).ToArray() : img.Samples16!.Select(v => (int)v).ToArray();
        Assert.Equal(DataFixtures.Ints(e.GetProperty("samples")), decoded);
        if (e.TryGetProperty("palette", out var pal))
            Assert.Equal(DataFixtures.Ints(pal), img.Palette!.Select(v => (int)v).ToArray());
        else
            Assert.Null(img.Palette);
        if (e.TryGetProperty("transparency", out var trns))
            Assert.Equal(DataFixtures.Ints(trns), img.Transparency!.Select(v => (int)v).ToArray());
    }

    [Fact]
    public void InterlacedFixtures_AreMarkedInterlaced_AndOthersAreNot()
    {
        Assert.True(Png.Read(DataFixtures.Png("rgb8_adam7.png")).Interlaced);
        Assert.True(Png.Read(DataFixtures.Png("palette2_adam7_tiny.png")).Interlaced);
        Assert.False(Png.Read(DataFixtures.Png("rgb8.png")).Interlaced);
    }

    [Fact]
    public void Sample_ReadsChannelsOfOnePixel()
    {
        var img = Png.Read(DataFixtures.Png("rgba16.png"));
        var expected = DataFixtures.Ints(DataFixtures.PngExpected.GetProperty("rgba16.png").GetProperty("samples"));
        // pixel (row 2, col 3) of a 5-wide RGBA image starts at sample (2*5+3)*4 = 52
        Assert.Equal([expected[52], expected[53], expected[54], expected[55]],
            new[] { img.Sample(2, 3, 0), img.Sample(2, 3, 1), img.Sample(2, 3, 2), img.Sample(2, 3, 3) });
    }

    [Theory]
    [InlineData("corrupt_signature.png", "not a PNG (bad signature)")]
    [InlineData("corrupt_bad_crc.png", "CRC mismatch in IDAT chunk")]
    [InlineData("corrupt_truncated.png", "truncated (file ends inside IDAT chunk)")]
    [InlineData("corrupt_no_iend.png", "truncated (file ends after the IDAT chunk, no IEND chunk)")]
    [InlineData("corrupt_bad_ihdr.png", "invalid IHDR (bit depth 3 not allowed for colour type 2)")]
    [InlineData("corrupt_zlib.png", "IDAT data ends early (9 of 72 bytes of scanlines)")]
    public void CorruptFixture_IsRejectedWithItsPathFirst(string name, string problem)
    {
        string path = DataFixtures.Png(name);
        var e = Assert.Throws<InvalidDataException>(() => Png.Read(path));
        Assert.Equal($"{path}: {problem}", e.Message);
    }

    [Fact]
    public void NonZlibIdat_IsRejectedNamingTheSource()
    {
        byte[] png = Png.EncodeGray(new LabelMap(2, 2, [1, 2, 3, 4]));
        int idat = png.AsSpan().IndexOf("IDAT"u8);
        png[idat + 4] = 0x00; // zlib header byte CMF: compression method 0 is invalid
        FixCrc(png, idat);
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "mem.png"));
        Assert.StartsWith("mem.png: IDAT data is not a valid zlib stream (", e.Message);
    }

    [Fact]
    public void UnknownFilterType_IsRejectedNamingTheScanline()
    {
        // 1x2 gray, rows "05 07" and "00 09": filter 5 does not exist.
        byte[] raw = [5, 7, 0, 9];
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(PngTestFiles.Gray8(1, 2, raw), "f.png"));
        Assert.Equal("f.png: unknown filter type 5 in scanline 0", e.Message);
    }

    [Fact]
    public void UnknownCriticalChunk_IsRejected_ButUnknownAncillaryChunkIsSkipped()
    {
        byte[] raw = [0, 42];
        var bad = Assert.Throws<InvalidDataException>(() => Png.Decode(PngTestFiles.Gray8(1, 1, raw, "ZZZZ"), "c.png"));
        Assert.Equal("c.png: unknown critical chunk ZZZZ", bad.Message);
        Assert.Equal([42], Png.Decode(PngTestFiles.Gray8(1, 1, raw, "zzZZ"), "a.png").Samples8!);
    }

    [Fact]
    public void EveryTruncation_IsRejectedWithThePathFirst()
    {
        byte[] png = File.ReadAllBytes(DataFixtures.Png("rgb8_adam7.png"));
        for (int n = 0; n < png.Length; n++)
        {
            var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png.AsSpan(0, n), "cut.png"));
            Assert.StartsWith("cut.png: ", e.Message);
        }
    }

    [Theory]
    [InlineData("palette_trns.png")]
    [InlineData("graya16_adam7.png")]
    [InlineData("gray2_filters.png")]
    public void RandomByteChangesWithValidCrcs_FailOnlyAsInvalidData(string name)
    {
        // CRCs are recomputed after each change so the damage reaches IHDR, PLTE, tRNS and the zlib data.
        byte[] original = File.ReadAllBytes(DataFixtures.Png(name));
        var rng = new Random(11);
        int decoded = 0, rejected = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            byte[] png = (byte[])original.Clone();
            int at = rng.Next(8, png.Length);
            png[at] = (byte)rng.Next(256);
            FixAllCrcs(png);
            try
            {
                var img = Png.Decode(png, "fuzz.png");
                Assert.Equal(img.Width * img.Height * img.Channels, img.Samples8?.Length ?? img.Samples16!.Length);
                decoded++;
            }
            catch (InvalidDataException e)
            {
                Assert.StartsWith("fuzz.png: ", e.Message);
                rejected++;
            }
        }
        Assert.Equal(400, decoded + rejected);
        Assert.True(rejected > 0);
    }

    [Fact]
    public void HeaderClaimingAHugeImage_IsRefusedBeforeAllocating()
    {
        byte[] png = Png.EncodeGray(new LabelMap(1, 1, [0]));
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(16), 20000); // IHDR width
        System.Buffers.Binary.BinaryPrimitives.WriteInt32BigEndian(png.AsSpan(20), 20000); // IHDR height
        FixAllCrcs(png);
        var e = Assert.Throws<InvalidDataException>(() => Png.Decode(png, "big.png"));
        Assert.StartsWith("big.png: IDAT data (", e.Message);
        Assert.EndsWith("bytes) is far too short for a 20000x20000 image", e.Message);
    }

    // Walks the chunks (as long as lengths stay inside the file) and rewrites each stored CRC.
    private static void FixAllCrcs(byte[] png)
    {
        for (int pos = 8; pos + 12 <= png.Length;)
        {
            int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            if (length < 0 || pos + 12 + length > png.Length) return;
            FixCrc(png, pos + 4);
            pos += 12 + length;
        }
    }

    internal static void FixCrc(byte[] png, int typeOffset)
    {
        int length = System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(typeOffset - 4));
        uint crc = Crc32.Compute(png.AsSpan(typeOffset, 4 + length));
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(typeOffset + 4 + length), crc);
    }
}
