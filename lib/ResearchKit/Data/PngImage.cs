namespace ResearchKit.Data;

/// <summary>A decoded PNG: samples as stored (one value per channel, palette indices kept as indices), plus PLTE and tRNS.</summary>
public sealed class PngImage
{
    internal PngImage(PngHeader header, byte[]? samples8, ushort[]? samples16, byte[]? palette, byte[]? transparency, string source)
    {
        Width = header.Width;
        Height = header.Height;
        ColorType = header.ColorType;
        BitDepth = header.BitDepth;
        Channels = header.Channels;
        Interlaced = header.Interlaced;
        Samples8 = samples8;
        Samples16 = samples16;
        Palette = palette;
        Transparency = transparency;
        Source = source;
    }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>The IHDR colour type.</summary>
    public PngColorType ColorType { get; }

    /// <summary>Bits per sample (1, 2, 4, 8 or 16).</summary>
    public int BitDepth { get; }

    /// <summary>Samples per pixel: 1 gray or palette, 2 gray+alpha, 3 RGB, 4 RGBA.</summary>
    public int Channels { get; }

    /// <summary>True when the file was Adam7-interlaced (samples are always returned de-interlaced).</summary>
    public bool Interlaced { get; }

    /// <summary>Row-major [H,W,Channels] samples when <see cref="BitDepth"/> is 8 or less, unscaled (a 2-bit gray pixel is 0..3); else null.</summary>
    public byte[]? Samples8 { get; }

    /// <summary>Row-major [H,W,Channels] samples when <see cref="BitDepth"/> is 16; else null.</summary>
    public ushort[]? Samples16 { get; }

    /// <summary>PLTE contents as R,G,B triples, or null when the file has no PLTE chunk.</summary>
    public byte[]? Palette { get; }

    /// <summary>Raw tRNS payload or null: one alpha per palette entry, or one big-endian 16-bit transparent gray/RGB colour.</summary>
    public byte[]? Transparency { get; }

    /// <summary>The path or name given when decoding; error messages start with it.</summary>
    public string Source { get; }

    /// <summary>The sample of <paramref name="channel"/> at (<paramref name="row"/>, <paramref name="col"/>), whatever the bit depth.</summary>
    public int Sample(int row, int col, int channel)
    {
        int i = (row * Width + col) * Channels + channel;
        return Samples8 is not null ? Samples8[i] : Samples16![i];
    }

    /// <summary>Class ids from an 8-bit-or-less gray or palette image (indices as stored); other kinds are refused naming the file.</summary>
    public LabelMap ToLabelMap()
    {
        if (ColorType is not (PngColorType.Gray or PngColorType.Palette) || BitDepth == 16)
            throw new InvalidDataException(
                $"{Source}: cannot read labels from a {BitDepth}-bit {Describe(ColorType)} PNG (labels must be 8-bit gray or palette indices)");
        return new LabelMap(Height, Width, (byte[])Samples8!.Clone());
    }

    /// <summary>An 8-bit RGB copy: gray replicated and scaled to 0..255, palette looked up, alpha dropped (not composited), 16-bit rounded to 8.</summary>
    public RgbImage ToRgbImage()
    {
        int n = Width * Height;
        var rgb = GC.AllocateUninitializedArray<byte>(n * 3);
        if (ColorType == PngColorType.Palette)
        {
            PaletteToRgb(rgb);
            return new RgbImage(Height, Width, rgb);
        }
        if (ColorType == PngColorType.Rgb && BitDepth == 8)
        {
            Samples8.AsSpan().CopyTo(rgb);
            return new RgbImage(Height, Width, rgb);
        }
        bool color = ColorType is PngColorType.Rgb or PngColorType.Rgba;
        int max = (1 << Math.Min(BitDepth, 8)) - 1;
        for (int p = 0; p < n; p++)
            for (int c = 0; c < 3; c++)
            {
                int s = p * Channels + (color ? c : 0);
                rgb[p * 3 + c] = Samples16 is not null ? To8Bit(Samples16[s]) : (byte)(Samples8![s] * 255 / max);
            }
        return new RgbImage(Height, Width, rgb);
    }

    /// <summary>A 16-bit sample rounded to the nearest 8-bit value (v * 255 / 65535).</summary>
    internal static byte To8Bit(ushort v) => (byte)((v * 255 + 32767) / 65535);

    private void PaletteToRgb(byte[] rgb)
    {
        var palette = Palette!;
        int entries = palette.Length / 3;
        var idx = Samples8!;
        for (int p = 0; p < idx.Length; p++)
        {
            int k = idx[p];
            if (k >= entries)
                throw new InvalidDataException(
                    $"{Source}: palette index {k} at ({p / Width}, {p % Width}) is beyond the {entries}-entry palette");
            rgb[p * 3] = palette[k * 3];
            rgb[p * 3 + 1] = palette[k * 3 + 1];
            rgb[p * 3 + 2] = palette[k * 3 + 2];
        }
    }

    private static string Describe(PngColorType t) => t switch
    {
        PngColorType.Gray => "gray",
        PngColorType.GrayAlpha => "gray+alpha",
        PngColorType.Rgb => "RGB",
        PngColorType.Rgba => "RGBA",
        _ => "palette",
    };
}
