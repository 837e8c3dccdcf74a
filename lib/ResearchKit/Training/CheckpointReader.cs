using System.Buffers.Binary;
using System.Text;
using ResearchKit.Data;
using static TorchSharp.torch;

namespace ResearchKit.Training;

/// <summary>Reads and validates a checkpoint file (layout in <see cref="CheckpointFormat"/>).</summary>
internal static class CheckpointReader
{
    /// <summary>The checkpoint in <paramref name="path"/>; <see cref="InvalidDataException"/> naming the file and the problem otherwise.</summary>
    public static Checkpoint Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidDataException($"{path}: cannot read the checkpoint ({e.Message})", e);
        }
        var body = CheckEnvelope(path, bytes);
        try
        {
            using var r = new BinaryReader(new MemoryStream(bytes, CheckpointFormat.HeaderBytes, body), Encoding.UTF8);
            return ReadBody(r).WithSource(path);
        }
        catch (Exception e) when (e is EndOfStreamException or FormatException or ArgumentException or DecoderFallbackException)
        {
            throw new InvalidDataException($"{path}: malformed checkpoint body ({e.Message})", e);
        }
    }

    /// <summary>Checks magic, version, announced length and checksum; returns the body length.</summary>
    private static int CheckEnvelope(string path, byte[] bytes)
    {
        var magic = CheckpointFormat.Magic;
        var prefix = Math.Min(bytes.Length, magic.Length);
        if (bytes.Length == 0 || !bytes.AsSpan(0, prefix).SequenceEqual(magic[..prefix]))
            throw new InvalidDataException($"{path}: not a ResearchKit checkpoint (it does not start with the checkpoint magic bytes)");
        if (bytes.Length < CheckpointFormat.HeaderBytes)
            throw new InvalidDataException($"{path}: truncated checkpoint ({bytes.Length} bytes, shorter than the {CheckpointFormat.HeaderBytes}-byte header)");
        var version = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(8));
        if (version > CheckpointFormat.Version)
            throw new InvalidDataException($"{path}: checkpoint format version {version} is newer than this kit's {CheckpointFormat.Version}; update the kit to read it");
        if (version == 1)
            throw new InvalidDataException($"{path}: checkpoint format version 1 was written by the kit's old hand-written engine; retrain it with this kit");
        if (version < 1)
            throw new InvalidDataException($"{path}: checkpoint format version {version} is not a valid version");
        var bodyLength = BinaryPrimitives.ReadInt64LittleEndian(bytes.AsSpan(12));
        var expected = CheckpointFormat.HeaderBytes + bodyLength + CheckpointFormat.TrailerBytes;
        if (bodyLength < 0 || bytes.Length < expected)
            throw new InvalidDataException($"{path}: truncated checkpoint ({bytes.Length} bytes, the header announces {expected})");
        if (bytes.Length > expected)
            throw new InvalidDataException($"{path}: checkpoint has {bytes.Length - expected} unexpected bytes after its end");
        var body = bytes.AsSpan(CheckpointFormat.HeaderBytes, (int)bodyLength);
        var stored = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan((int)(expected - CheckpointFormat.TrailerBytes)));
        if (Crc32.Compute(body) != stored)
            throw new InvalidDataException($"{path}: corrupted checkpoint (CRC-32 of the body does not match)");
        return (int)bodyLength;
    }

    private static Checkpoint ReadBody(BinaryReader r)
    {
        var step = r.ReadInt64();
        var epoch = r.ReadInt64();
        var metadata = r.ReadString();
        var engine = r.ReadString();
        var count = r.ReadInt32();
        if (count < 0) throw new FormatException($"negative tensor count {count}");
        var state = new OrderedDictionary<string, CheckpointTensor>();
        for (var i = 0; i < count; i++)
        {
            var name = r.ReadString();
            if (!state.TryAdd(name, ReadTensor(r))) throw new FormatException($"tensor '{name}' appears twice");
        }
        var optimizer = ReadBlob(r, "optimiser state");
        var rng = ReadBlob(r, "RNG state");
        if (r.BaseStream.Position != r.BaseStream.Length)
            throw new FormatException($"{r.BaseStream.Length - r.BaseStream.Position} bytes left after the last section");
        return new Checkpoint
        {
            Step = step, Epoch = epoch, MetadataJson = metadata, Engine = engine, State = state,
            OptimizerState = optimizer, RngState = rng,
        };
    }

    private static CheckpointTensor ReadTensor(BinaryReader r)
    {
        var dtype = (ScalarType)r.ReadByte();
        var size = CheckpointTensor.ElementBytes(dtype);
        if (size == 0) throw new FormatException($"tensor element type {dtype} is not one a checkpoint holds");
        var rank = r.ReadInt32();
        if (rank is < 0 or > CheckpointFormat.MaxRank) throw new FormatException($"tensor rank {rank} is out of range");
        var shape = new long[rank];
        long count = 1;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = r.ReadInt64();
            if (shape[d] <= 0) throw new FormatException($"tensor shape [{string.Join(",", shape[..(d + 1)])}] has a dimension that is not positive");
            count *= shape[d];
        }
        if (count * size > r.BaseStream.Length - r.BaseStream.Position)
            throw new EndOfStreamException($"tensor [{string.Join(",", shape)}] runs past the end of the body");
        return new CheckpointTensor(dtype, shape, r.ReadBytes((int)(count * size)));
    }

    private static byte[]? ReadBlob(BinaryReader r, string what)
    {
        var length = r.ReadInt32();
        if (length < 0) return null;
        var blob = r.ReadBytes(length);
        return blob.Length == length ? blob : throw new EndOfStreamException($"the {what} is cut short");
    }
}
