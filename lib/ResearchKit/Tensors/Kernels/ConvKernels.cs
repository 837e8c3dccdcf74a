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
        var (bw, blocks) = Blocks(g);
        Threading.For(g.N * blocks, t =>
        {
            int n = t / blocks, q0 = t % blocks * bw, width = Math.Min(bw, g.OHW - q0);
            var col = g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(g.ColRows * width);
            for (var grp = 0; grp < g.Groups; grp++)
            {
                var xs = x.AsSpan((n * g.C + grp * g.Cg) * g.HW, g.Cg * g.HW);
                if (col is not null) Im2Col.Unfold(xs, g, q0, width, col);
                ReadOnlySpan<float> b = col is null ? xs[q0..] : col;
                var yOffset = (n * g.K + grp * g.Kg) * g.OHW + q0;
                Gemm.Multiply(false, false, g.Kg, width, g.ColRows, w.AsSpan(grp * g.Kg * g.ColRows), g.ColRows,
                    b, col is null ? g.HW : width, y.AsSpan(yOffset), g.OHW);
                if (!epilogue.IsNone)
                    for (var k = 0; k < g.Kg; k++) epilogue.Apply(grp * g.Kg + k, y.AsSpan(yOffset + k * g.OHW, width));
            }
            if (col is not null) ArrayPool<float>.Shared.Return(col);
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
        if (g.IsPointwise)
        {
            var (bw, blocks) = Blocks(g);
            Threading.For(g.N * blocks, t =>
            {
                int n = t / blocks, q0 = t % blocks * bw, width = Math.Min(bw, g.OHW - q0);
                for (var grp = 0; grp < g.Groups; grp++)
                    Gemm.Multiply(true, false, g.Cg, width, g.Kg, w.AsSpan(grp * g.Kg * g.ColRows), g.ColRows,
                        dy.AsSpan((n * g.K + grp * g.Kg) * g.OHW + q0), g.OHW, dx.AsSpan((n * g.C + grp * g.Cg) * g.HW + q0), g.HW);
            });
            return;
        }
        if (g.N >= Threading.Threads) Threading.For(g.N, n => BackwardInputSample(dy, w, dx, g, n, parallel: false));
        else
            for (var n = 0; n < g.N; n++) BackwardInputSample(dy, w, dx, g, n, parallel: true);
    }

    /// <summary>dw [K,C/G,KH,KW] = ∂/∂w of the convolution given x and dy (overwrites dw).</summary>
    public static void BackwardWeight(float[] x, float[] dy, float[] dw, ConvGeometry g)
    {
        if (g.IsDepthwise)
        {
            Depthwise.BackwardWeight(x, dy, dw, g);
            return;
        }
        var (bw, blocks) = Blocks(g);
        var total = g.N * blocks;
        var parts = Math.Min(Threading.Threads, total);
        var partials = new float[parts][];
        partials[0] = dw;
        for (var p = 1; p < parts; p++) partials[p] = ArrayPool<float>.Shared.Rent(dw.Length);
        Threading.For(parts, p =>
        {
            var acc = partials[p].AsSpan(0, dw.Length);
            acc.Clear();
            var col = g.IsPointwise ? null : ArrayPool<float>.Shared.Rent(g.ColRows * bw);
            for (var t = (int)((long)total * p / parts); t < (int)((long)total * (p + 1) / parts); t++)
            {
                int n = t / blocks, q0 = t % blocks * bw, width = Math.Min(bw, g.OHW - q0);
                for (var grp = 0; grp < g.Groups; grp++)
                {
                    var xs = x.AsSpan((n * g.C + grp * g.Cg) * g.HW, g.Cg * g.HW);
                    if (col is not null) Im2Col.Unfold(xs, g, q0, width, col);
                    ReadOnlySpan<float> b = col is null ? xs[q0..] : col;
                    Gemm.Multiply(false, true, g.Kg, g.ColRows, width, dy.AsSpan((n * g.K + grp * g.Kg) * g.OHW + q0), g.OHW,
                        b, col is null ? g.HW : width, acc[(grp * g.Kg * g.ColRows)..], g.ColRows, beta: 1f);
                }
            }
            if (col is not null) ArrayPool<float>.Shared.Return(col);
        });
        for (var p = 1; p < parts; p++)
        {
            TensorPrimitives.Add(dw, partials[p].AsSpan(0, dw.Length), dw);
            ArrayPool<float>.Shared.Return(partials[p]);
        }
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

    private static void BackwardInputSample(float[] dy, float[] w, float[] dx, ConvGeometry g, int n, bool parallel)
    {
        var col = ArrayPool<float>.Shared.Rent(g.ColRows * g.OHW);
        for (var grp = 0; grp < g.Groups; grp++)
        {
            var wg = w.AsMemory(grp * g.Kg * g.ColRows);
            var dyg = dy.AsMemory((n * g.K + grp * g.Kg) * g.OHW);
            var dxg = dx.AsSpan((n * g.C + grp * g.Cg) * g.HW, g.Cg * g.HW);
            if (!parallel)
            {
                Gemm.Multiply(true, false, g.ColRows, g.OHW, g.Kg, wg.Span, g.ColRows, dyg.Span, g.OHW, col, g.OHW);
                dxg.Clear();
                Im2Col.Fold(col, g, dxg, 0, g.Cg);
                continue;
            }
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

    // Block width: enough output pixels that the GEMM is efficient, few enough that the unfolded block stays in cache,
    // and at least one task per thread.
    private static (int Width, int Blocks) Blocks(in ConvGeometry g)
    {
        var width = Math.Min(Math.Max(TargetBlockFloats / g.ColRows / 16 * 16, 256), g.OHW);
        var wanted = (Threading.Threads + g.N - 1) / g.N;
        if ((g.OHW + width - 1) / width < wanted) width = Math.Max(16, (g.OHW + wanted - 1) / wanted);
        width = Math.Min(width, g.OHW);
        return (width, (g.OHW + width - 1) / width);
    }
}
