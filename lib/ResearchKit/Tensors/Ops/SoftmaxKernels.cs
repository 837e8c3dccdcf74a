using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Ops;

/// <summary>Softmax-family kernels along the Size axis of a <see cref="DimLayout"/>, vectorised across inner positions
/// (for dim 1 of [N,C,H,W] every class row of a block of pixels is one contiguous span).</summary>
internal static class SoftmaxKernels
{
    /// <summary>log Σ_i exp(x[o,i,j]) for every (o, j), computed stably around the maximum.</summary>
    public static float[] LogSumExp(float[] x, DimLayout l)
    {
        var lse = new float[l.Outer * l.Inner];
        l.ForBlocks((o, start, len) =>
        {
            Span<float> tmp = stackalloc float[len];
            var max = lse.AsSpan(o * l.Inner + start, len);
            RowMax(x, l, o, start, max);
            Span<float> sum = stackalloc float[len];
            sum.Clear();
            for (var i = 0; i < l.Size; i++)
            {
                TensorPrimitives.Subtract(x.AsSpan(l.Offset(o, i, start), len), max, tmp);
                TensorPrimitives.Exp(tmp, tmp);
                TensorPrimitives.Add(sum, tmp, sum);
            }
            TensorPrimitives.Log(sum, sum);
            TensorPrimitives.Add(max, sum, max);
        });
        return lse;
    }

    /// <summary>y = softmax(x) or log_softmax(x) along Size.</summary>
    public static void Softmax(float[] x, float[] y, DimLayout l, bool log)
    {
        var lse = LogSumExp(x, l);
        l.ForBlocks((o, start, len) =>
        {
            var shift = lse.AsSpan(o * l.Inner + start, len);
            for (var i = 0; i < l.Size; i++)
            {
                var dst = y.AsSpan(l.Offset(o, i, start), len);
                TensorPrimitives.Subtract(x.AsSpan(l.Offset(o, i, start), len), shift, dst);
                if (!log) TensorPrimitives.Exp(dst, dst);
            }
        });
    }

    /// <summary>Softmax: dx = y·(g − Σ g·y). Log-softmax: dx = g − exp(y)·Σ g.</summary>
    public static void SoftmaxBackward(float[] g, float[] y, float[] dx, DimLayout l, bool log)
    {
        l.ForBlocks((o, start, len) =>
        {
            Span<float> acc = stackalloc float[len];
            acc.Clear();
            for (var i = 0; i < l.Size; i++)
            {
                var gi = g.AsSpan(l.Offset(o, i, start), len);
                if (log) TensorPrimitives.Add(acc, gi, acc);
                else TensorPrimitives.MultiplyAdd(gi, y.AsSpan(l.Offset(o, i, start), len), acc, acc);
            }
            for (var i = 0; i < l.Size; i++)
            {
                var off = l.Offset(o, i, start);
                var d = dx.AsSpan(off, len);
                if (log)
                {
                    TensorPrimitives.Exp(y.AsSpan(off, len), d);
                    TensorPrimitives.Multiply(d, acc, d);
                    TensorPrimitives.Subtract(g.AsSpan(off, len), d, d);
                }
                else
                {
                    TensorPrimitives.Subtract(g.AsSpan(off, len), acc, d);
                    TensorPrimitives.Multiply(d, y.AsSpan(off, len), d);
                }
            }
        });
    }

    /// <summary>Σ_i x[o,i,j] for every (o, j).</summary>
    public static float[] SumAlong(float[] x, DimLayout l)
    {
        var sum = new float[l.Outer * l.Inner];
        l.ForBlocks((o, start, len) =>
        {
            var s = sum.AsSpan(o * l.Inner + start, len);
            for (var i = 0; i < l.Size; i++) TensorPrimitives.Add(s, x.AsSpan(l.Offset(o, i, start), len), s);
        });
        return sum;
    }

    private static void RowMax(float[] x, DimLayout l, int o, int start, Span<float> max)
    {
        x.AsSpan(l.Offset(o, 0, start), max.Length).CopyTo(max);
        for (var i = 1; i < l.Size; i++) TensorPrimitives.Max(max, x.AsSpan(l.Offset(o, i, start), max.Length), max);
    }
}
