using System.Buffers.Binary;
using System.Runtime.InteropServices;
using System.Text;
using ResearchKit.Data;
using ResearchKit.Optim;
using ResearchKit.Tensors;

namespace ResearchKit.Training;

/// <summary>Reads and validates a checkpoint file (layout in <see cref="CheckpointFormat"/>).</summary>
internal static class CheckpointReader
{
    /// <summary>The checkpoint in <paramref name="path"/>; <see cref="InvalidDataException"/> naming the file and the problem otherwise.</summary>
    public static Checkpoint Read(string path)
    {
        var bytes = File.ReadAllBytes(path);
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
        var parameters = ReadNamed(r);
        var buffers = ReadNamed(r);
        var optimizer = r.ReadByte() == 1 ? ReadOptimizer(r) : null;
        var rngLength = r.ReadInt32();
        var rng = rngLength >= 0 ? r.ReadBytes(rngLength) : null;
        if (rng is not null && rng.Length != rngLength) throw new EndOfStreamException("the RNG state is cut short");
        if (r.BaseStream.Position != r.BaseStream.Length)
            throw new FormatException($"{r.BaseStream.Length - r.BaseStream.Position} bytes left after the last section");
        return new Checkpoint
        {
            Step = step, Epoch = epoch, MetadataJson = metadata, Parameters = parameters, Buffers = buffers,
            Optimizer = optimizer, RngState = rng,
        };
    }

    private static OrderedDictionary<string, Tensor> ReadNamed(BinaryReader r)
    {
        var count = Count(r, "tensor");
        var tensors = new OrderedDictionary<string, Tensor>();
        for (var i = 0; i < count; i++)
        {
            var name = r.ReadString();
            if (!tensors.TryAdd(name, ReadTensor(r))) throw new FormatException($"tensor '{name}' appears twice");
        }
        return tensors;
    }

    private static OptimizerState ReadOptimizer(BinaryReader r)
    {
        var kind = r.ReadString();
        var stepCount = r.ReadInt64();
        var lr = r.ReadDouble();
        var count = Count(r, "optimiser parameter");
        var states = new ParamState[count];
        for (var i = 0; i < count; i++)
        {
            var step = r.ReadInt64();
            var buffers = new Dictionary<string, Tensor>();
            var nBuffers = Count(r, "optimiser buffer");
            for (var k = 0; k < nBuffers; k++) buffers.Add(r.ReadString(), ReadTensor(r));
            states[i] = new ParamState(step, buffers);
        }
        return new OptimizerState(kind, stepCount, lr, states);
    }

    private static Tensor ReadTensor(BinaryReader r)
    {
        var rank = r.ReadInt32();
        if (rank is < 0 or > CheckpointFormat.MaxRank) throw new FormatException($"tensor rank {rank} is out of range");
        var shape = new int[rank];
        long count = 1;
        for (var d = 0; d < rank; d++)
        {
            shape[d] = r.ReadInt32();
            if (shape[d] <= 0) throw new FormatException($"tensor shape {ShapeChecks.Format(shape)} has a dimension that is not positive");
            count *= shape[d];
        }
        if (count * 4 > r.BaseStream.Length - r.BaseStream.Position)
            throw new EndOfStreamException($"tensor {ShapeChecks.Format(shape)} runs past the end of the body");
        var data = new float[count];
        r.BaseStream.ReadExactly(MemoryMarshal.AsBytes(data.AsSpan()));
        return new Tensor(data, shape);
    }

    private static int Count(BinaryReader r, string what)
    {
        var n = r.ReadInt32();
        return n >= 0 ? n : throw new FormatException($"negative {what} count {n}");
    }
}
