using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Kernels;

/// <summary>Unfolds image patches into GEMM columns (im2col) and folds column gradients back (col2im).</summary>
/// <remarks>Row r = (c·KH + i)·KW + j of the column matrix holds input channel c shifted by tap (i, j); column q is output
/// pixel q = oh·OW + ow. Padding reads as zero. Runs of equal oh are copied as spans (stride 1) so the loops stay SIMD.</remarks>
public static class Im2Col
{
    /// <summary>Writes columns [q0, q0+width) of the im2col matrix of one group's channels x [Cg,H,W] into col [ColRows, width]
    /// (rows <paramref name="ld"/> apart when given, so several samples can fill one wider block).</summary>
    public static void Unfold(ReadOnlySpan<float> x, in ConvGeometry g, int q0, int width, Span<float> col, int ld = 0)
    {
        if (ld == 0) ld = width;
        var r = 0;
        for (var c = 0; c < g.Cg; c++)
        for (var i = 0; i < g.KH; i++)
        for (var j = 0; j < g.KW; j++, r++)
        {
            var dst = col.Slice(r * ld, width);
            var plane = x.Slice(c * g.HW, g.HW);
            for (var q = q0; q < q0 + width;)
            {
                int oh = q / g.OW, ow0 = q - oh * g.OW, ow1 = Math.Min(g.OW, ow0 + q0 + width - q);
                UnfoldRun(plane, g, oh * g.SH - g.PH + i * g.DH, ow0, ow1, j * g.DW - g.PW, dst.Slice(q - q0, ow1 - ow0));
                q += ow1 - ow0;
            }
        }
    }

    /// <summary>Adds the column matrix col [ColRows, OHW] of one group back into its channels dx [Cg,H,W] (the adjoint of
    /// <see cref="Unfold"/>), for channels [c0, c1) only so callers can split channels over threads; col rows are
    /// <paramref name="ld"/> apart when given.</summary>
    public static void Fold(ReadOnlySpan<float> col, in ConvGeometry g, Span<float> dx, int c0, int c1, int ld = 0)
    {
        if (ld == 0) ld = g.OHW;
        for (var c = c0; c < c1; c++)
        {
            var plane = dx.Slice(c * g.HW, g.HW);
            for (var i = 0; i < g.KH; i++)
            for (var j = 0; j < g.KW; j++)
            {
                var src = col.Slice(((c * g.KH + i) * g.KW + j) * ld, g.OHW);
                var shift = j * g.DW - g.PW;
                var (lo, hi) = ValidRange(g.OW, g.W, g.SW, shift);
                for (var oh = 0; oh < g.OH; oh++)
                {
                    var ih = oh * g.SH - g.PH + i * g.DH;
                    if ((uint)ih >= (uint)g.H || lo >= hi) continue;
                    var row = plane.Slice(ih * g.W, g.W);
                    var s = src.Slice(oh * g.OW, g.OW);
                    if (g.SW == 1)
                    {
                        var d = row.Slice(lo + shift, hi - lo);
                        TensorPrimitives.Add(d, s.Slice(lo, hi - lo), d);
                    }
                    else
                        for (var ow = lo; ow < hi; ow++) row[ow * g.SW + shift] += s[ow];
                }
            }
        }
    }

    /// <summary>The output columns [lo, hi) whose input column ow·stride + shift lies inside [0, width).</summary>
    public static (int Lo, int Hi) ValidRange(int outWidth, int width, int stride, int shift)
    {
        var lo = shift >= 0 ? 0 : (-shift + stride - 1) / stride;
        var hi = width - 1 - shift < 0 ? 0 : Math.Min(outWidth, (width - 1 - shift) / stride + 1);
        return (Math.Min(lo, outWidth), hi);
    }

    private static void UnfoldRun(ReadOnlySpan<float> plane, in ConvGeometry g, int ih, int ow0, int ow1, int shift, Span<float> dst)
    {
        if ((uint)ih >= (uint)g.H)
        {
            dst.Clear();
            return;
        }
        var row = plane.Slice(ih * g.W, g.W);
        var (lo, hi) = ValidRange(g.OW, g.W, g.SW, shift);
        lo = Math.Clamp(lo, ow0, ow1);
        hi = Math.Clamp(hi, lo, ow1);
        dst[..(lo - ow0)].Clear();
        dst[(hi - ow0)..].Clear();
        if (hi == lo) return; // the tap lies wholly in the padding for this run (dilation wider than the row)
        if (g.SW == 1) row.Slice(lo + shift, hi - lo).CopyTo(dst.Slice(lo - ow0, hi - lo));
        else
            for (var ow = lo; ow < hi; ow++) dst[ow - ow0] = row[ow * g.SW + shift];
    }
}
