using System.Buffers;
using System.Buffers.Binary;
using System.IO.Compression;

namespace ResearchKit.Data;

/// <summary>Turns the IDAT zlib stream into samples: inflate, unfilter each pass, unpack bit depths, de-interlace.</summary>
internal static class PngScanlines
{
    /// <summary>Samples of the image, one per channel, row-major: bytes for depth 8 or less, ushorts for 16.</summary>
    public static (byte[]? Samples8, ushort[]? Samples16) Decode(PngHeader h, byte[] idat, string source)
    {
        int rawSize = RawSize(h);
        // Deflate cannot expand data more than about 1032:1, so a header claiming far more pixels than the
        // IDAT could hold is refused before allocating a buffer for them.
        if (rawSize / 1032 > idat.Length + 64)
            throw PngHeader.Bad(source, $"IDAT data ({idat.Length} bytes) is far too short for a {h.Width}x{h.Height} image");
        // The filtered scanlines are scratch; renting them spares a large-object allocation per image.
        byte[] raw = ArrayPool<byte>.Shared.Rent(rawSize);
        try
        {
            Inflate(idat, raw.AsSpan(0, rawSize), source);
            return Unfilter(h, raw, source);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(raw);
        }
    }

    private static (byte[]? Samples8, ushort[]? Samples16) Unfilter(PngHeader h, byte[] raw, string source)
    {
        long count = (long)h.Width * h.Height * h.Channels;
        byte[]? s8 = h.BitDepth <= 8 ? GC.AllocateUninitializedArray<byte>((int)count) : null;
        ushort[]? s16 = h.BitDepth == 16 ? GC.AllocateUninitializedArray<ushort>((int)count) : null;
        if (!h.Interlaced)
        {
            DecodePass(h, raw, 0, (0, 0, 1, 1), h.Width, h.Height, 0, s8, s16, source);
            return (s8, s16);
        }
        int offset = 0;
        for (int k = 0; k < 7; k++)
        {
            var p = PngHeader.Adam7[k];
            var (pw, ph) = PassSize(h, p);
            if (pw == 0 || ph == 0) continue;
            DecodePass(h, raw, offset, p, pw, ph, k + 1, s8, s16, source);
            offset += ph * (1 + h.RowBytes(pw));
        }
        return (s8, s16);
    }

    /// <summary>Bytes of filtered scanlines (filter byte included) the header implies.</summary>
    public static int RawSize(PngHeader h)
    {
        long total = 0;
        if (!h.Interlaced)
            total = (long)h.Height * (1 + h.RowBytes(h.Width));
        else
            foreach (var p in PngHeader.Adam7)
            {
                var (pw, ph) = PassSize(h, p);
                if (pw > 0 && ph > 0) total += (long)ph * (1 + h.RowBytes(pw));
            }
        return (int)total; // PngHeader caps the sample count, so this fits an array

    }

    private static (int Width, int Height) PassSize(PngHeader h, (int X0, int Y0, int Dx, int Dy) p) =>
        ((h.Width - p.X0 + p.Dx - 1) / p.Dx, (h.Height - p.Y0 + p.Dy - 1) / p.Dy);

    private static void Inflate(byte[] idat, Span<byte> raw, string source)
    {
        int got, expected = raw.Length;
        try
        {
            using var z = new ZLibStream(new MemoryStream(idat, writable: false), CompressionMode.Decompress);
            got = z.ReadAtLeast(raw, expected, throwOnEndOfStream: false);
        }
        catch (InvalidDataException e)
        {
            throw PngHeader.Bad(source, $"IDAT data is not a valid zlib stream ({e.Message.TrimEnd('.')})", e);
        }
        if (got < expected)
            throw PngHeader.Bad(source, $"IDAT data ends early ({got} of {expected} bytes of scanlines)");
    }

    // pass = 0 for a non-interlaced image, 1..7 for an Adam7 pass (only used in messages).
    private static void DecodePass(PngHeader h, byte[] raw, int offset, (int X0, int Y0, int Dx, int Dy) p,
        int pw, int ph, int pass, byte[]? s8, ushort[]? s16, string source)
    {
        int rowBytes = h.RowBytes(pw), bpp = h.FilterStride, ch = h.Channels, n = pw * ch;
        var zeros = new byte[rowBytes];
        var scratch8 = pass > 0 && s8 is not null ? new byte[n] : null;
        var scratch16 = new ushort[s16 is null ? 0 : n];
        for (int y = 0; y < ph; y++)
        {
            int start = offset + y * (rowBytes + 1);
            int filter = raw[start];
            if (filter > 4)
                throw PngHeader.Bad(source, $"unknown filter type {filter} in scanline {y}" + (pass > 0 ? $" of Adam7 pass {pass}" : ""));
            var row = raw.AsSpan(start + 1, rowBytes);
            PngFilters.Unfilter(filter, row, y == 0 ? zeros : raw.AsSpan(start - rowBytes, rowBytes), bpp);
            int dstRow = p.Y0 + y * p.Dy, dstStart = dstRow * h.Width * ch;
            if (s8 is not null)
            {
                Span<byte> dst = scratch8 is not null ? scratch8 : s8.AsSpan(dstStart, n);
                Unpack(row, h.BitDepth, dst);
                if (scratch8 is not null) Scatter<byte>(scratch8, s8.AsSpan(dstStart, h.Width * ch), p, ch);
            }
            else
            {
                Span<ushort> dst = pass > 0 ? scratch16 : s16!.AsSpan(dstStart, n);
                for (int i = 0; i < n; i++) dst[i] = BinaryPrimitives.ReadUInt16BigEndian(row[(2 * i)..]);
                if (pass > 0) Scatter<ushort>(scratch16, s16!.AsSpan(dstStart, h.Width * ch), p, ch);
            }
        }
    }

    // Sub-byte samples are packed most significant bits first; rows end on a byte boundary.
    private static void Unpack(ReadOnlySpan<byte> row, int depth, Span<byte> dst)
    {
        if (depth == 8)
        {
            row[..dst.Length].CopyTo(dst);
            return;
        }
        int perByte = 8 / depth, mask = (1 << depth) - 1;
        for (int i = 0; i < dst.Length; i++)
            dst[i] = (byte)(row[i / perByte] >> (8 - depth * (i % perByte + 1)) & mask);
    }

    // Places one pass row's pixels at columns x0, x0+dx, ... of the full-width destination row.
    private static void Scatter<T>(ReadOnlySpan<T> passRow, Span<T> imageRow, (int X0, int Y0, int Dx, int Dy) p, int ch)
    {
        for (int x = 0, col = p.X0; x * ch < passRow.Length; x++, col += p.Dx)
            passRow.Slice(x * ch, ch).CopyTo(imageRow.Slice(col * ch, ch));
    }
}
