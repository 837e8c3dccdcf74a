using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Kernels;

/// <summary>Direct kernels for depthwise convolution (groups = C = K, one KH×KW filter per channel).</summary>
/// <remarks>im2col would copy each input KH·KW times to do a 1-row GEMM per channel; these loop over taps instead and, at
/// stride 1, update whole output rows with one SIMD multiply-add per tap. Weight gradients are per channel, so the
/// channel loop is parallel with no cross-thread reduction.</remarks>
internal static class Depthwise
{
    public static void Forward(float[] x, float[] w, float[] y, ConvGeometry g, ConvEpilogue epilogue)
    {
        Threading.For(g.N * g.C, t =>
        {
            var c = t % g.C;
            var src = x.AsSpan(t * g.HW, g.HW);
            var dst = y.AsSpan(t * g.OHW, g.OHW);
            dst.Clear();
            for (var i = 0; i < g.KH; i++)
            for (var j = 0; j < g.KW; j++)
            {
                var wv = w[(c * g.KH + i) * g.KW + j];
                var shift = j * g.DW - g.PW;
                var (lo, hi) = Im2Col.ValidRange(g.OW, g.W, g.SW, shift);
                if (lo >= hi) continue;
                for (var oh = 0; oh < g.OH; oh++)
                {
                    var ih = oh * g.SH - g.PH + i * g.DH;
                    if ((uint)ih >= (uint)g.H) continue;
                    var xr = src.Slice(ih * g.W, g.W);
                    var yr = dst.Slice(oh * g.OW + lo, hi - lo);
                    if (g.SW == 1) TensorPrimitives.MultiplyAdd(xr.Slice(lo + shift, hi - lo), wv, yr, yr);
                    else
                        for (var ow = lo; ow < hi; ow++) yr[ow - lo] += wv * xr[ow * g.SW + shift];
                }
            }
            if (!epilogue.IsNone) epilogue.Apply(c, dst);
        });
    }

    public static void BackwardInput(float[] dy, float[] w, float[] dx, ConvGeometry g)
    {
        Threading.For(g.N * g.C, t =>
        {
            var c = t % g.C;
            var src = dy.AsSpan(t * g.OHW, g.OHW);
            var dst = dx.AsSpan(t * g.HW, g.HW);
            dst.Clear();
            for (var i = 0; i < g.KH; i++)
            for (var j = 0; j < g.KW; j++)
            {
                var wv = w[(c * g.KH + i) * g.KW + j];
                var shift = j * g.DW - g.PW;
                var (lo, hi) = Im2Col.ValidRange(g.OW, g.W, g.SW, shift);
                if (lo >= hi) continue;
                for (var oh = 0; oh < g.OH; oh++)
                {
                    var ih = oh * g.SH - g.PH + i * g.DH;
                    if ((uint)ih >= (uint)g.H) continue;
                    var xr = dst.Slice(ih * g.W, g.W);
                    var yr = src.Slice(oh * g.OW + lo, hi - lo);
                    if (g.SW == 1)
                    {
                        var d = xr.Slice(lo + shift, hi - lo);
                        TensorPrimitives.MultiplyAdd(yr, wv, d, d);
                    }
                    else
                        for (var ow = lo; ow < hi; ow++) xr[ow * g.SW + shift] += wv * yr[ow - lo];
                }
            }
        });
    }

    public static void BackwardWeight(float[] x, float[] dy, float[] dw, ConvGeometry g)
    {
        Threading.For(g.C, c =>
        {
            for (var i = 0; i < g.KH; i++)
            for (var j = 0; j < g.KW; j++)
            {
                var shift = j * g.DW - g.PW;
                var (lo, hi) = Im2Col.ValidRange(g.OW, g.W, g.SW, shift);
                var s = 0f;
                for (var n = 0; n < g.N && lo < hi; n++)
                {
                    var src = x.AsSpan((n * g.C + c) * g.HW, g.HW);
                    var grad = dy.AsSpan((n * g.C + c) * g.OHW, g.OHW);
                    for (var oh = 0; oh < g.OH; oh++)
                    {
                        var ih = oh * g.SH - g.PH + i * g.DH;
                        if ((uint)ih >= (uint)g.H) continue;
                        var xr = src.Slice(ih * g.W, g.W);
                        var yr = grad.Slice(oh * g.OW + lo, hi - lo);
                        if (g.SW == 1) s += TensorPrimitives.Dot(xr.Slice(lo + shift, hi - lo), yr);
                        else
                            for (var ow = lo; ow < hi; ow++) s += xr[ow * g.SW + shift] * yr[ow - lo];
                    }
                }
                dw[(c * g.KH + i) * g.KW + j] = s;
            }
        });
    }
}
