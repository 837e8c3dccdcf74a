using System.Buffers.Binary;
using System.Text;
using ResearchKit.Data;

namespace ResearchKit.Training;

/// <summary>Serialises a <see cref="Checkpoint"/> (layout in <see cref="CheckpointFormat"/>) and writes it atomically.</summary>
internal static class CheckpointWriter
{
    /// <summary>Chunk size of the file write; the fault hook runs after each chunk.</summary>
    internal const int ChunkBytes = 1 << 16;

    /// <summary>Writes to a temp file beside <paramref name="path"/>, flushes it to disk and renames it over the target;
    /// on any failure the temp file is removed and the previous file is untouched. <paramref name="afterChunk"/>
    /// (tests only) runs after each chunk with the bytes written so far, so a crash mid-write can be simulated.</summary>
    public static void Save(Checkpoint checkpoint, string path, Action<long>? afterChunk)
    {
        var body = Body(checkpoint);
        var header = new byte[CheckpointFormat.HeaderBytes];
        CheckpointFormat.Magic.CopyTo(header);
        BinaryPrimitives.WriteInt32LittleEndian(header.AsSpan(8), CheckpointFormat.Version);
        BinaryPrimitives.WriteInt64LittleEndian(header.AsSpan(12), body.Length);
        var trailer = new byte[CheckpointFormat.TrailerBytes];
        BinaryPrimitives.WriteUInt32LittleEndian(trailer, Crc32.Compute(body.Span));

        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var tmp = $"{full}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
        try
        {
            using (var fs = new FileStream(tmp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                long written = 0;
                foreach (var part in new ReadOnlyMemory<byte>[] { header, body, trailer })
                    for (var offset = 0; offset < part.Length; offset += ChunkBytes)
                    {
                        var chunk = part.Span.Slice(offset, Math.Min(ChunkBytes, part.Length - offset));
                        fs.Write(chunk);
                        written += chunk.Length;
                        afterChunk?.Invoke(written);
                    }
                fs.Flush(flushToDisk: true);
            }
            File.Move(tmp, full, overwrite: true);
        }
        catch
        {
            File.Delete(tmp);
            throw;
        }
    }

    private static ReadOnlyMemory<byte> Body(Checkpoint c)
    {
        if (!BitConverter.IsLittleEndian) throw new PlatformNotSupportedException("checkpoint: big-endian machines are not supported");
        var ms = new MemoryStream();
        using (var w = new BinaryWriter(ms, Encoding.UTF8, leaveOpen: true))
        {
            w.Write(c.Step);
            w.Write(c.Epoch);
            w.Write(c.MetadataJson);
            w.Write(c.Engine);
            w.Write(c.State.Count);
            foreach (var (name, t) in c.State)
            {
                w.Write(name);
                w.Write((byte)t.DType);
                w.Write(t.Shape.Length);
                foreach (var d in t.Shape) w.Write(d);
                w.Write(t.Bytes);
            }
            WriteBlob(w, c.OptimizerState);
            WriteBlob(w, c.RngState);
        }
        return ms.GetBuffer().AsMemory(0, (int)ms.Length);
    }

    private static void WriteBlob(BinaryWriter w, byte[]? blob)
    {
        w.Write(blob?.Length ?? -1);
        if (blob is not null) w.Write(blob);
    }
}
