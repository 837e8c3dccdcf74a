using System.Buffers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Kernels;

/// <summary>Accumulates a sum in fixed parts, one per thread, then adds them in part order, so the result does not
/// depend on scheduling (only on the part count).</summary>
internal static class OrderedPartials
{
    /// <summary>Runs <paramref name="body"/>(p, partial) for p in [0, parts) in parallel, each on its own zeroed partial
    /// (part 0 writes straight into <paramref name="result"/>), then sets result = Σ partials in order.</summary>
    public static void Sum(float[] result, int parts, PartBody body)
    {
        var partials = new float[parts][];
        partials[0] = result;
        for (var p = 1; p < parts; p++) partials[p] = ArrayPool<float>.Shared.Rent(result.Length);
        Threading.For(parts, p =>
        {
            var acc = partials[p].AsSpan(0, result.Length);
            acc.Clear();
            body(p, acc);
        });
        for (var p = 1; p < parts; p++)
        {
            TensorPrimitives.Add(result, partials[p].AsSpan(0, result.Length), result);
            ArrayPool<float>.Shared.Return(partials[p]);
        }
    }

    /// <summary>Part <paramref name="part"/>'s work, accumulating into <paramref name="acc"/>.</summary>
    public delegate void PartBody(int part, Span<float> acc);
}
