using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

/// <summary>Hand-assembled PNG files for decoder edge cases the fixtures do not cover.</summary>
internal static class PngTestFiles
{
    /// <summary>An 8-bit gray PNG of <paramref name="width"/>x<paramref name="height"/> whose IDAT holds <paramref name="scanlines"/> (filter bytes included), with an optional empty extra chunk before IDAT.</summary>
    public static byte[] Gray8(int width, int height, byte[] scanlines, string? extraChunk = null) =>
        Make(width, height, 8, 0, scanlines, extraChunk is null ? [] : [(extraChunk, [])]);

    /// <summary>A non-interlaced PNG with the given IHDR fields, <paramref name="chunks"/> placed before IDAT, and IDAT holding <paramref name="scanlines"/>.</summary>
    public static byte[] Make(int width, int height, int depth, int colorType, byte[] scanlines, (string Type, byte[] Data)[] chunks)
    {
        var ms = new MemoryStream();
        ms.Write([137, 80, 78, 71, 13, 10, 26, 10]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = (byte)depth;
        ihdr[9] = (byte)colorType;
        Chunk(ms, "IHDR", ihdr);
        foreach (var (type, data) in chunks) Chunk(ms, type, data);
        var z = new MemoryStream();
        using (var zs = new ZLibStream(z, CompressionLevel.Optimal, leaveOpen: true)) zs.Write(scanlines);
        Chunk(ms, "IDAT", z.ToArray());
        Chunk(ms, "IEND", []);
        return ms.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        var body = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, body);
        data.CopyTo(body, 4);
        var buf = new byte[4];
        BinaryPrimitives.WriteInt32BigEndian(buf, data.Length);
        s.Write(buf);
        s.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(buf, Crc32.Compute(body));
        s.Write(buf);
    }
}
