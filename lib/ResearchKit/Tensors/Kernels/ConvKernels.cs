using System.Buffers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Kernels;

/// <summary>Convolution forward and backward on NCHW buffers: im2col + GEMM per sample and column block, with direct
/// kernels for depthwise convolutions.</summary>
/// <remarks>Work is split into tasks of (sample, block of output pixels); each task unfolds only its own block into a
/// pooled scratch buffer (at most ~0.5 MiB unless the layer is very deep), so no batch-sized im2col buffer ever exists.
/// Weight gradients accumulate into one partial per fixed chunk of tasks (chunk count = thread count), summed in order,
/// so results are bitwise reproducible for a given <see cref="Threading.Threads"/>.</remarks>
public static partial class ConvKernels
{
    private const int TargetBlockFloats = 128 * 1024;

    /// <summary>y [N,K,OH,OW] = conv(x [N,C,H,W], w [K,C/G,KH,KW]) followed by <paramref name="epilogue"/> (bias, folded BN, ReLU).</summary>
    public static void Forward(float[] x, float[] w, float[] y, ConvGeometry g, ConvEpilogue epilogue)
    {
        if (g.IsDepthwise)
        {
            Depthwise.Forward(x, w, y, g, epilogue);
            return;
        }
        if (DirectConv.UseForward(g))
        {
            DirectConv.Forward(new ChannelParts(x, g.C), w, y, g, epilogue);
            return;
        }
        var (bw, blocks) = Blocks(g);
        Threading.For(blocks, t =>
        {
            int p0 = t * bw, width = Math.Min(bw, g.N * g.OHW - p0);
            var single = p0 / g.OHW == (p0 + width - 1) / g.OHW;
            // A 1x1 stride-1 unpadded conv needs no unfolding: within one sample the input block already is the
            // column matrix [C/G, width] with row stride H·W.
            var direct = single && g.IsPointwise;
            var col = direct ? null : ArrayPool<float>.Shared.Rent(g.ColRows * width);
            var buf = single ? null : ArrayPool<float>.Shared.Rent(g.Kg * width);
            for (var grp = 0; grp < g.Groups; grp++)
            {
                var wg = w.AsSpan(grp * g.Kg * g.ColRows);
                int n0 = p0 / g.OHW, q0 = p0 % g.OHW;
                if (direct)
                {
                    var xOffset = (n0 * g.C + grp * g.Cg) * g.HW + q0;
                    var yOffset = (n0 * g.K + grp * g.Kg) * g.OHW + q0;
                    Gemm.Multiply(false, false, g.Kg, width, g.ColRows, wg, g.ColRows, x.AsSpan(xOffset), g.HW, y.AsSpan(yOffset), g.OHW);
                    if (!epilogue.IsNone)
                        for (var k = 0; k < g.Kg; k++) epilogue.Apply(grp * g.Kg + k, y.AsSpan(yOffset + k * g.OHW, width));
                    continue;
                }
                Unfold(x, g, grp, p0, width, col!);
                if (single)
                {
                    // The block lies inside one sample: multiply straight into y.
                    var yOffset = (n0 * g.K + grp * g.Kg) * g.OHW + q0;
                    Gemm.Multiply(false, false, g.Kg, width, g.ColRows, wg, g.ColRows, col, width, y.AsSpan(yOffset), g.OHW);
                    if (!epilogue.IsNone)
                        for (var k = 0; k < g.Kg; k++) epilogue.Apply(grp * g.Kg + k, y.AsSpan(yOffset + k * g.OHW, width));
                    continue;
                }
                Gemm.Multiply(false, false, g.Kg, width, g.ColRows, wg, g.ColRows, col, width, buf, width);
                foreach (var (n, q, offset, len) in Segments(g, p0, width))
                    for (var k = 0; k < g.Kg; k++)
                    {
                        var dst = y.AsSpan((n * g.K + grp * g.Kg + k) * g.OHW + q, len);
                        buf.AsSpan(k * width + offset, len).CopyTo(dst);
                        if (!epilogue.IsNone) epilogue.Apply(grp * g.Kg + k, dst);
                    }
            }
            if (col is not null) ArrayPool<float>.Shared.Return(col);
            if (buf is not null) ArrayPool<float>.Shared.Return(buf);
        });
    }

    /// <summary>dx [N,C,H,W] = ∂/∂x of the convolution given dy [N,K,OH,OW] (overwrites dx).</summary>
    public static void BackwardInput(float[] dy, float[] w, float[] dx, ConvGeometry g)
    {
        if (g.IsDepthwise)
        {
            Depthwise.BackwardInput(dy, w, dx, g);
            return;
        }
        if (DirectConv.UseBackwardInput(g))
        {
            DirectConv.BackwardInput(dy, w, new ChannelParts(dx, g.C), g);
            return;
        }
        // Small images: several whole samples per task so each GEMM is wide enough; folds never cross tasks.
        var perTask = g.OHW >= 1024 ? 1 : Math.Clamp(1024 / g.OHW, 1, (g.N + Threading.Threads - 1) / Threading.Threads);
        var tasks = (g.N + perTask - 1) / perTask;
        if (tasks >= Threading.Threads || Threading.Threads == 1)
            Threading.For(tasks, t => BackwardInputSamples(dy, w, dx, g, t * perTask, Math.Min(g.N, (t + 1) * perTask)));
        else
            for (var n = 0; n < g.N; n++) BackwardInputSampleParallel(dy, w, dx, g, n);
    }

    /// <summary>dw [K,C/G,KH,KW] = ∂/∂w of the convolution given x and dy (overwrites dw).</summary>
    public static void BackwardWeight(float[] x, float[] dy, float[] dw, ConvGeometry g)
    {
        if (g.IsDepthwise)
        {
            Depthwise.BackwardWeight(x, dy, dw, g);
            return;
        }
        if (DirectConv.UseBackwardWeight(g))
        {
            DirectConv.BackwardWeight(new ChannelParts(x, g.C), dy, dw, g);
            return;
        }
        var (bw, blocks) = Blocks(g);
        var parts = Math.Min(Threading.Threads, blocks);
        OrderedPartials.Sum(dw, parts, (p, acc) =>
        {
            var col = ArrayPool<float>.Shared.Rent(g.ColRows * bw);
            var buf = ArrayPool<float>.Shared.Rent(g.Kg * bw);
            for (var t = (int)((long)blocks * p / parts); t < (int)((long)blocks * (p + 1) / parts); t++)
            {
                int p0 = t * bw, width = Math.Min(bw, g.N * g.OHW - p0);
                var single = p0 / g.OHW == (p0 + width - 1) / g.OHW;
                for (var grp = 0; grp < g.Groups; grp++)
                {
                    Unfold(x, g, grp, p0, width, col);
                    ReadOnlySpan<float> a = single ? dy.AsSpan((p0 / g.OHW * g.K + grp * g.Kg) * g.OHW + p0 % g.OHW) : buf;
                    if (!single)
                        foreach (var (n, q, offset, len) in Segments(g, p0, width))
                            for (var k = 0; k < g.Kg; k++)
                                dy.AsSpan((n * g.K + grp * g.Kg + k) * g.OHW + q, len).CopyTo(buf.AsSpan(k * width + offset, len));
                    Gemm.Multiply(false, true, g.Kg, g.ColRows, width, a, single ? g.OHW : width, col, width,
                        acc[(grp * g.Kg * g.ColRows)..], g.ColRows, beta: 1f);
                }
            }
            ArrayPool<float>.Shared.Return(col);
            ArrayPool<float>.Shared.Return(buf);
        });
    }

    /// <summary>db [K] = Σ over samples and pixels of dy [N,K,P] (overwrites db).</summary>
    public static void BackwardBias(float[] dy, float[] db, int n, int k, int pixels)
    {
        Threading.For(k, c =>
        {
            var s = 0f;
            for (var i = 0; i < n; i++) s += TensorPrimitives.Sum<float>(dy.AsSpan((i * k + c) * pixels, pixels));
            db[c] = s;
        });
    }

    // Samples [n0, n1): dcol [ColRows, s·OHW] = Wᵀ·dy, then fold each sample's columns into its dx.
    private static void BackwardInputSamples(float[] dy, float[] w, float[] dx, ConvGeometry g, int n0, int n1)
    {
        var width = (n1 - n0) * g.OHW;
        var col = ArrayPool<float>.Shared.Rent(g.ColRows * width);
        var buf = n1 - n0 > 1 ? ArrayPool<float>.Shared.Rent(g.Kg * width) : null;
        for (var grp = 0; grp < g.Groups; grp++)
        {
            ReadOnlySpan<float> b = buf is null ? dy.AsSpan((n0 * g.K + grp * g.Kg) * g.OHW) : buf;
            if (buf is not null)
                for (var n = n0; n < n1; n++)
                for (var k = 0; k < g.Kg; k++)
                    dy.AsSpan((n * g.K + grp * g.Kg + k) * g.OHW, g.OHW).CopyTo(buf.AsSpan(k * width + (n - n0) * g.OHW));
            Gemm.Multiply(true, false, g.ColRows, width, g.Kg, w.AsSpan(grp * g.Kg * g.ColRows), g.ColRows, b,
                buf is null ? g.OHW : width, col, width);
            for (var n = n0; n < n1; n++)
            {
                var dxg = dx.AsSpan((n * g.C + grp * g.Cg) * g.HW, g.Cg * g.HW);
                dxg.Clear();
                Im2Col.Fold(col.AsSpan((n - n0) * g.OHW), g, dxg, 0, g.Cg, width);
            }
        }
        ArrayPool<float>.Shared.Return(col);
        if (buf is not null) ArrayPool<float>.Shared.Return(buf);
    }

    // One sample on all threads: GEMM split by columns, then the fold split by channels.
    private static void BackwardInputSampleParallel(float[] dy, float[] w, float[] dx, ConvGeometry g, int n)
    {
        var col = ArrayPool<float>.Shared.Rent(g.ColRows * g.OHW);
        for (var grp = 0; grp < g.Groups; grp++)
        {
            var wg = w.AsMemory(grp * g.Kg * g.ColRows);
            var dyg = dy.AsMemory((n * g.K + grp * g.Kg) * g.OHW);
            var chunks = Math.Min(Threading.Threads, Math.Max(1, g.OHW / 64));
            Threading.For(chunks, t =>
            {
                int q0 = g.OHW * t / chunks, q1 = g.OHW * (t + 1) / chunks;
                Gemm.Multiply(true, false, g.ColRows, q1 - q0, g.Kg, wg.Span, g.ColRows, dyg.Span[q0..], g.OHW, col.AsSpan(q0), g.OHW);
            });
            var xOffset = (n * g.C + grp * g.Cg) * g.HW;
            Threading.For(g.Cg, c =>
            {
                var plane = dx.AsSpan(xOffset, g.Cg * g.HW);
                plane.Slice(c * g.HW, g.HW).Clear();
                Im2Col.Fold(col, g, plane, c, c + 1);
            });
        }
        ArrayPool<float>.Shared.Return(col);
    }

    // Fills col [ColRows, width] with the im2col columns p0.. of the batch (column p = n·OHW + q), group grp.
    private static void Unfold(float[] x, in ConvGeometry g, int grp, int p0, int width, float[] col)
    {
        foreach (var (n, q, offset, len) in Segments(g, p0, width))
            Im2Col.Unfold(x.AsSpan((n * g.C + grp * g.Cg) * g.HW, g.Cg * g.HW), g, q, len, col.AsSpan(offset), width);
    }

    // The per-sample pieces (sample, first pixel, offset in the block, length) of batch columns [p0, p0+width).
    private static IEnumerable<(int N, int Q, int Offset, int Length)> Segments(ConvGeometry g, int p0, int width)
    {
        for (var p = p0; p < p0 + width;)
        {
            int n = p / g.OHW, q = p % g.OHW, len = Math.Min(g.OHW - q, p0 + width - p);
            yield return (n, q, p - p0, len);
            p += len;
        }
    }

    // Blocks of the batch's N·OHW output columns: wide enough for an efficient GEMM, small enough that the unfolded
    // block stays in cache, and a multiple of the thread count so threads finish together.
    private static (int Width, int Blocks) Blocks(in ConvGeometry g)
    {
        var total = g.N * g.OHW;
        var target = Math.Max(TargetBlockFloats / g.ColRows, 256);
        var blocks = (total + target - 1) / target;
        blocks = Math.Min(total, (blocks + Threading.Threads - 1) / Threading.Threads * Threading.Threads);
        var width = (total + blocks - 1) / blocks;
        return (width, (total + width - 1) / width);
    }
}
