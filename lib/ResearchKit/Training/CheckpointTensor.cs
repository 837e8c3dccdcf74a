using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Training;

/// <summary>One tensor of a checkpoint in managed memory: its element type, shape and raw row-major bytes.</summary>
public sealed record CheckpointTensor(ScalarType DType, long[] Shape, byte[] Bytes)
{
    /// <summary>A copy of <paramref name="t"/> (moved to the CPU, made contiguous).</summary>
    public static CheckpointTensor Of(Tensor t)
    {
        using var cpu = t.detach().cpu().contiguous();
        return new CheckpointTensor(cpu.dtype, cpu.shape, cpu.bytes.ToArray());
    }

    /// <summary>Bytes per element of <paramref name="dtype"/>, or 0 for a type checkpoints do not hold.</summary>
    public static int ElementBytes(ScalarType dtype) => dtype switch
    {
        ScalarType.Float32 or ScalarType.Int32 => 4,
        ScalarType.Float64 or ScalarType.Int64 => 8,
        ScalarType.Float16 or ScalarType.BFloat16 or ScalarType.Int16 => 2,
        ScalarType.Byte or ScalarType.Int8 or ScalarType.Bool => 1,
        _ => 0,
    };

    /// <summary>"[16,3,3,3]".</summary>
    public string ShapeText => "[" + string.Join(",", Shape) + "]";

    /// <summary>A new CPU tensor holding these values.</summary>
    public Tensor ToTensor()
    {
        var t = empty(Shape, DType);
        t.bytes = Bytes;
        return t;
    }
}
