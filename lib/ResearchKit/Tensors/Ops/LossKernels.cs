using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Ops;

/// <summary>Reductions and gradients shared by the losses, with class along the Size axis of a <see cref="DimLayout"/>.</summary>
internal static class LossKernels
{
    /// <summary>Σ a·b as fixed-chunk float dot products added in chunk order in double (same result for any thread count).</summary>
    public static double Dot(float[] a, float[] b)
    {
        var chunks = (a.Length + Chunks.Size - 1) / Chunks.Size;
        var partial = new double[chunks];
        Chunks.ForItems(chunks, Chunks.Size, k =>
        {
            var start = k * Chunks.Size;
            var n = Math.Min(Chunks.Size, a.Length - start);
            partial[k] = TensorPrimitives.Dot(a.AsSpan(start, n), b.AsSpan(start, n));
        });
        double s = 0;
        foreach (var v in partial) s += v;
        return s;
    }

    /// <summary>dz[o,i,j] = coef[o,j]·exp(z[o,i,j] − lse[o,j]), the softmax scaled per position.</summary>
    public static void ScaledSoftmax(float[] z, float[] lse, float[] coef, float[] dz, DimLayout l) =>
        l.ForBlocks((o, start, len) =>
        {
            var shift = lse.AsSpan(o * l.Inner + start, len);
            var scale = coef.AsSpan(o * l.Inner + start, len);
            for (var i = 0; i < l.Size; i++)
            {
                var off = l.Offset(o, i, start);
                var d = dz.AsSpan(off, len);
                TensorPrimitives.Subtract(z.AsSpan(off, len), shift, d);
                TensorPrimitives.Exp(d, d);
                TensorPrimitives.Multiply(d, scale, d);
            }
        });

    /// <summary>Checks hard labels: each is <paramref name="ignoreIndex"/> or a class in [0, classes).</summary>
    public static void CheckLabels(string op, ReadOnlySpan<int> labels, int classes, int ignoreIndex)
    {
        for (var p = 0; p < labels.Length; p++)
        {
            var y = labels[p];
            if (y != ignoreIndex && (uint)y >= (uint)classes)
                throw new ArgumentException($"{op}: label {y} at position {p} is outside [0,{classes}) and is not the ignore index {ignoreIndex}");
        }
    }

    /// <summary>(Σ w[y]·(lse − z[y]), Σ w[y]) over the positions whose label is not ignored; w = 1 without weights.</summary>
    public static (double Loss, double Weight) WeightedNll(float[] z, float[] lse, int[] labels, int ignoreIndex, float[]? weights, DimLayout l)
    {
        double loss = 0, weight = 0;
        for (var o = 0; o < l.Outer; o++)
            for (var j = 0; j < l.Inner; j++)
            {
                var y = labels[o * l.Inner + j];
                if (y == ignoreIndex) continue;
                double w = weights?[y] ?? 1f;
                loss += w * (lse[o * l.Inner + j] - z[l.Offset(o, y, j)]);
                weight += w;
            }
        return (loss, weight);
    }
}
