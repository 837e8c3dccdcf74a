using System.Buffers.Binary;
using System.Text;

namespace ResearchKit.Data;

/// <summary>The chunks of a PNG file that decoding needs, after every chunk's CRC and order were checked.</summary>
internal sealed class PngChunks
{
    /// <summary>The 8-byte PNG file signature.</summary>
    public static ReadOnlySpan<byte> Signature => [137, 80, 78, 71, 13, 10, 26, 10];

    private PngChunks(PngHeader header, byte[]? palette, byte[]? transparency, byte[] idat)
    {
        Header = header;
        Palette = palette;
        Transparency = transparency;
        Idat = idat;
    }

    /// <summary>The validated IHDR.</summary>
    public PngHeader Header { get; }

    /// <summary>PLTE payload (RGB triples), if present.</summary>
    public byte[]? Palette { get; }

    /// <summary>tRNS payload, if present.</summary>
    public byte[]? Transparency { get; }

    /// <summary>All IDAT payloads concatenated: one zlib stream.</summary>
    public byte[] Idat { get; }

    /// <summary>Splits <paramref name="png"/> into chunks, checking signature, CRCs, lengths and chunk order.</summary>
    public static PngChunks Parse(ReadOnlySpan<byte> png, string source)
    {
        if (png.Length < 8 || !png[..8].SequenceEqual(Signature))
            throw PngHeader.Bad(source, "not a PNG (bad signature)");
        var state = new ParseState(source);
        int pos = 8;
        while (true)
        {
            int remaining = png.Length - pos;
            if (remaining == 0)
                throw PngHeader.Bad(source, $"truncated (file ends after {state.Previous}, no IEND chunk)");
            if (remaining < 8)
                throw PngHeader.Bad(source, $"truncated (file ends inside the chunk header after {state.Previous})");
            uint length = BinaryPrimitives.ReadUInt32BigEndian(png[pos..]);
            string type = ChunkType(png.Slice(pos + 4, 4), pos + 4, source);
            if (length > int.MaxValue || length > remaining - 12)
                throw PngHeader.Bad(source, $"truncated (file ends inside {type} chunk)");
            var data = png.Slice(pos + 8, (int)length);
            uint stored = BinaryPrimitives.ReadUInt32BigEndian(png[(pos + 8 + (int)length)..]);
            if (Crc32.Compute(png.Slice(pos + 4, 4 + (int)length)) != stored)
                throw PngHeader.Bad(source, $"CRC mismatch in {type} chunk");
            if (type == "IEND")
                return state.Finish(png);
            state.Add(type, data, pos + 8);
            pos += 12 + (int)length;
        }
    }

    private static string ChunkType(ReadOnlySpan<byte> bytes, int offset, string source)
    {
        foreach (byte b in bytes)
            if (!char.IsAsciiLetter((char)b))
                throw PngHeader.Bad(source, $"corrupt chunk type at byte {offset}");
        return Encoding.ASCII.GetString(bytes);
    }

    /// <summary>Chunk-order rules of the PNG spec, applied one chunk at a time.</summary>
    private sealed class ParseState(string source)
    {
        private PngHeader? _header;
        private byte[]? _palette, _transparency;
        private readonly List<(int Start, int Length)> _idat = [];
        private bool _idatClosed;

        /// <summary>What came last, for truncation messages: "the signature" or "the IDAT chunk".</summary>
        public string Previous { get; private set; } = "the signature";

        /// <summary>Checks one chunk's place and payload; <paramref name="start"/> is its payload's file offset.</summary>
        public void Add(string type, ReadOnlySpan<byte> data, int start)
        {
            if (_header is null && type != "IHDR")
                throw PngHeader.Bad(source, $"first chunk is {type}, expected IHDR");
            if (_idat.Count > 0 && type != "IDAT")
                _idatClosed = true;
            switch (type)
            {
                case "IHDR":
                    if (_header is not null) throw PngHeader.Bad(source, "second IHDR chunk");
                    _header = PngHeader.Parse(data, source);
                    break;
                case "PLTE": _palette = CheckPalette(data); break;
                case "tRNS": _transparency = CheckTransparency(data); break;
                case "IDAT": AddIdat(data.Length, start); break;
                default:
                    // Bit 5 of the first letter clear (upper case) marks a chunk a decoder must understand.
                    if (char.IsAsciiLetterUpper(type[0]))
                        throw PngHeader.Bad(source, $"unknown critical chunk {type}");
                    break;
            }
            Previous = $"the {type} chunk";
        }

        /// <summary>The collected chunks, with the IDAT payloads of <paramref name="png"/> joined into one array.</summary>
        public PngChunks Finish(ReadOnlySpan<byte> png)
        {
            if (_header is null) throw PngHeader.Bad(source, "IEND before IHDR");
            if (_idat.Count == 0) throw PngHeader.Bad(source, "no IDAT chunk");
            int total = 0; // every payload lies inside the file, so the sum fits an int
            foreach (var (_, length) in _idat) total += length;
            var idat = GC.AllocateUninitializedArray<byte>(total);
            int at = 0;
            foreach (var (start, length) in _idat)
            {
                png.Slice(start, length).CopyTo(idat.AsSpan(at));
                at += length;
            }
            return new PngChunks(_header.Value, _palette, _transparency, idat);
        }

        private void AddIdat(int length, int start)
        {
            if (_idatClosed) throw PngHeader.Bad(source, "IDAT chunks are not consecutive");
            if (_header!.Value.ColorType == PngColorType.Palette && _palette is null)
                throw PngHeader.Bad(source, "palette image has no PLTE chunk before IDAT");
            _idat.Add((start, length));
        }

        private byte[] CheckPalette(ReadOnlySpan<byte> data)
        {
            var h = _header!.Value;
            if (_idat.Count > 0) throw PngHeader.Bad(source, "PLTE chunk after IDAT");
            if (_palette is not null) throw PngHeader.Bad(source, "second PLTE chunk");
            if (h.ColorType is PngColorType.Gray or PngColorType.GrayAlpha)
                throw PngHeader.Bad(source, $"PLTE chunk not allowed for colour type {(int)h.ColorType}");
            int entries = data.Length / 3;
            if (data.Length % 3 != 0 || entries == 0 || entries > 256)
                throw PngHeader.Bad(source, $"PLTE chunk has {data.Length} bytes, expected 3 to 768 in RGB triples");
            if (h.ColorType == PngColorType.Palette && entries > 1 << h.BitDepth)
                throw PngHeader.Bad(source, $"PLTE chunk has {entries} entries, more than bit depth {h.BitDepth} can index");
            return data.ToArray();
        }

        private byte[] CheckTransparency(ReadOnlySpan<byte> data)
        {
            var h = _header!.Value;
            if (_idat.Count > 0) throw PngHeader.Bad(source, "tRNS chunk after IDAT");
            if (_transparency is not null) throw PngHeader.Bad(source, "second tRNS chunk");
            int expected = h.ColorType switch
            {
                PngColorType.Gray => 2,
                PngColorType.Rgb => 6,
                PngColorType.Palette => data.Length <= (_palette?.Length ?? 0) / 3 ? data.Length : -1,
                _ => -2,
            };
            if (expected == -2) throw PngHeader.Bad(source, $"tRNS chunk not allowed for colour type {(int)h.ColorType}");
            if (data.Length != expected)
                throw PngHeader.Bad(source, $"tRNS chunk has {data.Length} bytes, which does not fit colour type {(int)h.ColorType}");
            return data.ToArray();
        }
    }
}
