namespace ResearchKit.Data;

/// <summary>CRC-32 as PNG defines it (ISO 3309 polynomial 0xEDB88320, reflected), computed slicing-by-4.</summary>
/// <remarks>Written here because System.IO.Hashing is not a dependency; slicing by 4 bytes keeps the
/// check of a 300 KB IDAT well under a millisecond.</remarks>
internal static class Crc32
{
    private static readonly uint[] Table = BuildTable();

    /// <summary>The CRC-32 of <paramref name="data"/>.</summary>
    public static uint Compute(ReadOnlySpan<byte> data) => ~Update(0xFFFFFFFFu, data);

    /// <summary>Folds <paramref name="data"/> into a running (pre-inverted) CRC register.</summary>
    public static uint Update(uint crc, ReadOnlySpan<byte> data)
    {
        var t = Table;
        int i = 0;
        for (; i + 4 <= data.Length; i += 4)
        {
            crc ^= (uint)(data[i] | data[i + 1] << 8 | data[i + 2] << 16 | data[i + 3] << 24);
            crc = t[768 + (crc & 0xFF)] ^ t[512 + ((crc >> 8) & 0xFF)]
                ^ t[256 + ((crc >> 16) & 0xFF)] ^ t[crc >> 24];
        }
        for (; i < data.Length; i++)
            crc = t[(crc ^ data[i]) & 0xFF] ^ (crc >> 8);
        return crc;
    }

    // Table k*256+n holds the CRC of byte n followed by k zero bytes, which is what slicing needs.
    private static uint[] BuildTable()
    {
        var t = new uint[1024];
        for (uint n = 0; n < 256; n++)
        {
            uint c = n;
            for (int k = 0; k < 8; k++)
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            t[n] = c;
        }
        for (int n = 0; n < 256; n++)
            for (int k = 1; k < 4; k++)
                t[k * 256 + n] = t[(k - 1) * 256 + n] >> 8 ^ t[t[(k - 1) * 256 + n] & 0xFF];
        return t;
    }
}
