using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using ResearchKit.Repro;
using ResearchKit.IO;

namespace ResearchKit.Data;

/// <summary>NumPy .npy files (format version 1.0) of little-endian float32 in C order, as <c>numpy.load</c> reads them.</summary>
public static class Npy
{
    private static readonly byte[] Magic = [0x93, (byte)'N', (byte)'U', (byte)'M', (byte)'P', (byte)'Y', 1, 0];

    /// <summary>The bytes of a .npy holding <paramref name="data"/> with <paramref name="shape"/> (dtype '&lt;f4', C order).</summary>
    public static byte[] EncodeFloat32(ReadOnlySpan<float> data, IReadOnlyList<int> shape)
    {
        long count = 1;
        foreach (var d in shape) count *= d;
        if (count != data.Length)
            throw new ArgumentException($"shape ({string.Join(", ", shape)}) holds {count} values, data has {data.Length}");
        var dims = string.Join(", ", shape.Select(d => d.ToString(CultureInfo.InvariantCulture))) + (shape.Count == 1 ? "," : "");
        var dict = $"{{'descr': '<f4', 'fortran_order': False, 'shape': ({dims}), }}";
        // Magic, version and the 2-byte header length, then the header padded with spaces to a multiple of 64 ending in '\n'.
        var headerLength = (dict.Length + 1 + Magic.Length + 2 + 63) / 64 * 64 - Magic.Length - 2;
        var header = dict.PadRight(headerLength - 1) + "\n";
        var bytes = new byte[Magic.Length + 2 + headerLength + 4L * data.Length];
        Magic.CopyTo(bytes, 0);
        BinaryPrimitives.WriteUInt16LittleEndian(bytes.AsSpan(Magic.Length), (ushort)headerLength);
        Encoding.ASCII.GetBytes(header, bytes.AsSpan(Magic.Length + 2));
        var body = bytes.AsSpan(Magic.Length + 2 + headerLength);
        for (var i = 0; i < data.Length; i++) BinaryPrimitives.WriteSingleLittleEndian(body[(4 * i)..], data[i]);
        return bytes;
    }

    /// <summary>Writes <paramref name="data"/> as a float32 .npy at <paramref name="path"/> atomically (temp file + rename).</summary>
    public static void WriteFloat32(string path, ReadOnlySpan<float> data, IReadOnlyList<int> shape) =>
        AtomicFile.WriteAllBytes(path, EncodeFloat32(data, shape));
}
