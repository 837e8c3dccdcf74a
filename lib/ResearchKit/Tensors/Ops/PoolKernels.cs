using System.Runtime.Intrinsics;

namespace ResearchKit.Tensors.Ops;

/// <summary>2-D pooling kernels over [planes, H, W], parallel over planes.</summary>
internal static class PoolKernels
{
    /// <summary>Max over each k×k window (stride s, implicit −∞ padding p); argmax = flat index within the input plane,
    /// the first maximum in row-major window order, NaN winning as in PyTorch.</summary>
    public static void MaxForward(float[] x, float[] y, int[] argmax, int planes, int h, int w, int k, int s, int p, int oh, int ow)
    {
        if (k == 2 && s == 2 && p == 0)
        {
            Chunks.ForItems(planes, h * w, plane => Max2x2(x, y, argmax, plane, h, w, oh, ow));
            return;
        }
        Chunks.ForItems(planes, h * w, plane =>
        {
            int xo = plane * h * w, yo = plane * oh * ow;
            for (var oy = 0; oy < oh; oy++)
            {
                int y0 = Math.Max(oy * s - p, 0), y1 = Math.Min(oy * s - p + k, h);
                for (var ox = 0; ox < ow; ox++)
                {
                    int x0 = Math.Max(ox * s - p, 0), x1 = Math.Min(ox * s - p + k, w);
                    var best = y0 * w + x0;
                    var max = float.NegativeInfinity;
                    for (var iy = y0; iy < y1; iy++)
                        for (var ix = x0; ix < x1; ix++)
                        {
                            var v = x[xo + iy * w + ix];
                            if (v > max || float.IsNaN(v)) { max = v; best = iy * w + ix; }
                        }
                    y[yo + oy * ow + ox] = max;
                    argmax[yo + oy * ow + ox] = best;
                }
            }
        });
    }

    private static void Max2x2(float[] x, float[] y, int[] argmax, int plane, int h, int w, int oh, int ow)
    {
        int xo = plane * h * w, yo = plane * oh * ow;
        for (var oy = 0; oy < oh; oy++)
        {
            int r0 = 2 * oy * w, r1 = r0 + w, o = yo + oy * ow;
            var ox = Simd.HasShuffles ? Max2x2Vector(x, y, argmax, xo, r0, w, o, ow) : 0;
            for (; ox < ow; ox++)
            {
                int i0 = r0 + 2 * ox, i1 = r1 + 2 * ox;
                float a = x[xo + i0], b = x[xo + i0 + 1], c = x[xo + i1], d = x[xo + i1 + 1];
                float m = a; var best = i0;
                if (b > m || float.IsNaN(b)) { m = b; best = i0 + 1; }
                if (c > m || float.IsNaN(c)) { m = c; best = i1; }
                if (d > m || float.IsNaN(d)) { m = d; best = i1 + 1; }
                y[o + ox] = m;
                argmax[o + ox] = best;
            }
        }
    }

    /// <summary>8 windows of one output row at a time: even/odd columns split with AVX2 shuffles, then the scalar rule
    /// (a, then b, c, d if greater or NaN) as masked selects. Returns the first window not done.</summary>
    private static int Max2x2Vector(float[] x, float[] y, int[] argmax, int xo, int r0, int w, int o, int ow)
    {
        var lane2 = Vector256.Create(0, 2, 4, 6, 8, 10, 12, 14);
        Vector256<int> offB = Vector256<int>.One, offC = Vector256.Create(w), offD = Vector256.Create(w + 1);
        ref var px = ref x[xo];
        var ox = 0;
        for (; ox + 8 <= ow; ox += 8)
        {
            int i0 = r0 + 2 * ox, i1 = i0 + w;
            var (a, b) = Simd.Deinterleave(Vector256.LoadUnsafe(ref px, (nuint)i0), Vector256.LoadUnsafe(ref px, (nuint)(i0 + 8)));
            var (c, d) = Simd.Deinterleave(Vector256.LoadUnsafe(ref px, (nuint)i1), Vector256.LoadUnsafe(ref px, (nuint)(i1 + 8)));
            var m = a;
            var off = Vector256<int>.Zero;
            Take(b, offB, ref m, ref off);
            Take(c, offC, ref m, ref off);
            Take(d, offD, ref m, ref off);
            m.StoreUnsafe(ref y[o + ox]);
            (Vector256.Create(i0) + lane2 + off).StoreUnsafe(ref argmax[o + ox]);
        }
        return ox;
    }

    private static void Take(Vector256<float> v, Vector256<int> offset, ref Vector256<float> max, ref Vector256<int> off)
    {
        var take = Vector256.GreaterThan(v, max) | ~Vector256.Equals(v, v);
        max = Vector256.ConditionalSelect(take, v, max);
        off = Vector256.ConditionalSelect(take.AsInt32(), offset, off);
    }

    /// <summary>dx[argmax] += g per plane (dx must be zeroed).</summary>
    public static void MaxBackward(float[] g, int[] argmax, float[] dx, int planes, int hw, int ohw) =>
        Chunks.ForItems(planes, hw, plane =>
        {
            int xo = plane * hw, yo = plane * ohw;
            for (var i = 0; i < ohw; i++) dx[xo + argmax[yo + i]] += g[yo + i];
        });

    /// <summary>Window [start, end) of output index i along an axis: fixed k×s windows clipped to the input, or PyTorch's
    /// adaptive windows floor(i·in/out) .. ceil((i+1)·in/out).</summary>
    public static (int Start, int End) Window(int i, int input, int k, int s, int p, bool adaptive) =>
        adaptive
            ? (i * input / k, ((i + 1) * input + k - 1) / k)
            : (Math.Max(i * s - p, 0), Math.Min(i * s - p + k, input));

    /// <summary>Mean over each window. Fixed windows divide by k² (count_include_pad = true); adaptive by the window size.</summary>
    public static void AvgForward(float[] x, float[] y, int planes, int h, int w, int oh, int ow, int k, int s, int p, bool adaptive) =>
        Chunks.ForItems(planes, h * w, plane =>
        {
            int xo = plane * h * w, yo = plane * oh * ow;
            for (var oy = 0; oy < oh; oy++)
            {
                var (y0, y1) = Window(oy, h, adaptive ? oh : k, s, p, adaptive);
                for (var ox = 0; ox < ow; ox++)
                {
                    var (x0, x1) = Window(ox, w, adaptive ? ow : k, s, p, adaptive);
                    float sum = 0;
                    for (var iy = y0; iy < y1; iy++)
                        for (var ix = x0; ix < x1; ix++) sum += x[xo + iy * w + ix];
                    y[yo + oy * ow + ox] = sum / (adaptive ? (y1 - y0) * (x1 - x0) : k * k);
                }
            }
        });

    /// <summary>Spreads each output gradient evenly back over its window (dx must be zeroed).</summary>
    public static void AvgBackward(float[] g, float[] dx, int planes, int h, int w, int oh, int ow, int k, int s, int p, bool adaptive) =>
        Chunks.ForItems(planes, h * w, plane =>
        {
            int xo = plane * h * w, yo = plane * oh * ow;
            for (var oy = 0; oy < oh; oy++)
            {
                var (y0, y1) = Window(oy, h, adaptive ? oh : k, s, p, adaptive);
                for (var ox = 0; ox < ow; ox++)
                {
                    var (x0, x1) = Window(ox, w, adaptive ? ow : k, s, p, adaptive);
                    var share = g[yo + oy * ow + ox] / (adaptive ? (y1 - y0) * (x1 - x0) : k * k);
                    for (var iy = y0; iy < y1; iy++)
                        for (var ix = x0; ix < x1; ix++) dx[xo + iy * w + ix] += share;
                }
            }
        });
}
