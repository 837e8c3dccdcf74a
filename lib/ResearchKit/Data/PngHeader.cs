using System.Buffers.Binary;

namespace ResearchKit.Data;

/// <summary>The validated contents of an IHDR chunk and the row sizes that follow from it.</summary>
internal readonly record struct PngHeader(int Width, int Height, int BitDepth, PngColorType ColorType, bool Interlaced)
{
    /// <summary>Adam7 passes as (x0, y0, dx, dy).</summary>
    public static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    // 2^29 samples keep even 16-bit scanlines (2 bytes a sample plus filter bytes) inside one .NET array;
    // far beyond any image the kit reads.
    private const long MaxSamples = 1L << 29;

    /// <summary>Samples per pixel.</summary>
    public int Channels => ChannelsOf(ColorType);

    /// <summary>Bytes between a byte and the one the Sub/Average/Paeth filters predict it from (at least 1).</summary>
    public int FilterStride => Math.Max(1, Channels * BitDepth / 8);

    /// <summary>Bytes in one scanline of <paramref name="width"/> pixels, without the filter byte.</summary>
    public int RowBytes(int width) => (int)(((long)width * Channels * BitDepth + 7) / 8);

    /// <summary>Samples per pixel of <paramref name="type"/>.</summary>
    public static int ChannelsOf(PngColorType type) => type switch
    {
        PngColorType.Gray or PngColorType.Palette => 1,
        PngColorType.GrayAlpha => 2,
        PngColorType.Rgb => 3,
        _ => 4,
    };

    /// <summary>Parses and checks the 13-byte IHDR payload; <paramref name="source"/> names the file in errors.</summary>
    public static PngHeader Parse(ReadOnlySpan<byte> ihdr, string source)
    {
        if (ihdr.Length != 13)
            throw Bad(source, $"IHDR chunk has {ihdr.Length} bytes, expected 13");
        uint width = BinaryPrimitives.ReadUInt32BigEndian(ihdr);
        uint height = BinaryPrimitives.ReadUInt32BigEndian(ihdr[4..]);
        int depth = ihdr[8], type = ihdr[9];
        if (width == 0 || height == 0 || width > int.MaxValue || height > int.MaxValue)
            throw Bad(source, $"invalid IHDR (image size {width}x{height})");
        if (type is not (0 or 2 or 3 or 4 or 6))
            throw Bad(source, $"invalid IHDR (unknown colour type {type})");
        var colorType = (PngColorType)type;
        if (!DepthAllowed(colorType, depth))
            throw Bad(source, $"invalid IHDR (bit depth {depth} not allowed for colour type {type})");
        if (ihdr[10] != 0 || ihdr[11] != 0)
            throw Bad(source, $"invalid IHDR (compression method {ihdr[10]}, filter method {ihdr[11]}; both must be 0)");
        if (ihdr[12] > 1)
            throw Bad(source, $"invalid IHDR (unknown interlace method {ihdr[12]})");
        if ((long)width * height * ChannelsOf(colorType) > MaxSamples)
            throw Bad(source, $"image {width}x{height} is too large to decode");
        return new PngHeader((int)width, (int)height, depth, colorType, ihdr[12] == 1);
    }

    /// <summary>The 13-byte IHDR payload of this header.</summary>
    public byte[] ToBytes()
    {
        var b = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(b, (uint)Width);
        BinaryPrimitives.WriteUInt32BigEndian(b.AsSpan(4), (uint)Height);
        b[8] = (byte)BitDepth;
        b[9] = (byte)ColorType;
        b[12] = Interlaced ? (byte)1 : (byte)0;
        return b;
    }

    private static bool DepthAllowed(PngColorType type, int depth) => type switch
    {
        PngColorType.Gray => depth is 1 or 2 or 4 or 8 or 16,
        PngColorType.Palette => depth is 1 or 2 or 4 or 8,
        _ => depth is 8 or 16,
    };

    /// <summary>The one-line "path: problem" error every decoding failure uses.</summary>
    public static InvalidDataException Bad(string source, string problem, Exception? inner = null) =>
        new($"{source}: {problem}", inner);
}
