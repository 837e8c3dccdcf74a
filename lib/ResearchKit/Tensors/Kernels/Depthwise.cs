using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Kernels;

/// <summary>Direct kernels for depthwise convolution (groups = C = K, one KH×KW filter per channel).</summary>
/// <remarks>im2col would copy each input KH·KW times to do a 1-row GEMM per channel; these loop over taps instead and, at
/// stride 1, update whole output rows with one SIMD multiply-add per tap. Forward, grad input and grad weight share one
/// walk over (tap, output row) pairs and differ only in what they do with a matching input row and output row
/// (<see cref="IRowOp"/>, a struct so the call inlines). Weight gradients are per channel, so the channel loop is
/// parallel with no cross-thread reduction.</remarks>
internal static class Depthwise
{
    public static void Forward(float[] x, float[] w, float[] y, ConvGeometry g, ConvEpilogue epilogue)
    {
        Threading.For(g.N * g.C, t =>
        {
            var c = t % g.C;
            var dst = y.AsSpan(t * g.OHW, g.OHW);
            dst.Clear();
            for (var i = 0; i < g.KH; i++)
            for (var j = 0; j < g.KW; j++)
            {
                var op = new AddInputToOutput(w[(c * g.KH + i) * g.KW + j]);
                WalkRows(x.AsSpan(t * g.HW, g.HW), dst, g, i, j, ref op);
            }
            if (!epilogue.IsNone) epilogue.Apply(c, dst);
        });
    }

    public static void BackwardInput(float[] dy, float[] w, float[] dx, ConvGeometry g)
    {
        Threading.For(g.N * g.C, t =>
        {
            var c = t % g.C;
            var dst = dx.AsSpan(t * g.HW, g.HW);
            dst.Clear();
            for (var i = 0; i < g.KH; i++)
            for (var j = 0; j < g.KW; j++)
            {
                var op = new AddOutputToInput(w[(c * g.KH + i) * g.KW + j]);
                WalkRows(dst, dy.AsSpan(t * g.OHW, g.OHW), g, i, j, ref op);
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
                var op = new DotInputOutput();
                for (var n = 0; n < g.N; n++)
                {
                    var plane = n * g.C + c;
                    WalkRows(x.AsSpan(plane * g.HW, g.HW), dy.AsSpan(plane * g.OHW, g.OHW), g, i, j, ref op);
                }
                dw[(c * g.KH + i) * g.KW + j] = op.Sum;
            }
        });
    }

    /// <summary>For tap (i, j), calls <paramref name="op"/> on every output row and the input row it reads:
    /// input columns ow·SW + shift for output columns ow in the tap's valid range [lo, hi).</summary>
    private static void WalkRows<TOp>(Span<float> input, Span<float> output, in ConvGeometry g, int i, int j, ref TOp op)
        where TOp : struct, IRowOp
    {
        var shift = j * g.DW - g.PW;
        var (lo, hi) = Im2Col.ValidRange(g.OW, g.W, g.SW, shift);
        if (lo >= hi) return;
        for (var oh = 0; oh < g.OH; oh++)
        {
            var ih = oh * g.SH - g.PH + i * g.DH;
            if ((uint)ih >= (uint)g.H) continue;
            op.Apply(input.Slice(ih * g.W, g.W), output.Slice(oh * g.OW + lo, hi - lo), lo, shift, g.SW);
        }
    }

    /// <summary>What one kernel does with an input row and the matching output row segment (columns lo.. of the output).</summary>
    private interface IRowOp
    {
        void Apply(Span<float> inputRow, Span<float> outputSegment, int lo, int shift, int stride);
    }

    /// <summary>Forward: output += w·input.</summary>
    private readonly struct AddInputToOutput(float w) : IRowOp
    {
        public void Apply(Span<float> xr, Span<float> yr, int lo, int shift, int stride)
        {
            if (stride == 1) TensorPrimitives.MultiplyAdd(xr.Slice(lo + shift, yr.Length), w, yr, yr);
            else
                for (var k = 0; k < yr.Length; k++) yr[k] += w * xr[(lo + k) * stride + shift];
        }
    }

    /// <summary>Grad input: input += w·output (the adjoint of the forward).</summary>
    private readonly struct AddOutputToInput(float w) : IRowOp
    {
        public void Apply(Span<float> xr, Span<float> yr, int lo, int shift, int stride)
        {
            if (stride == 1)
            {
                var d = xr.Slice(lo + shift, yr.Length);
                TensorPrimitives.MultiplyAdd(yr, w, d, d);
            }
            else
                for (var k = 0; k < yr.Length; k++) xr[(lo + k) * stride + shift] += w * yr[k];
        }
    }

    /// <summary>Grad weight: Σ input·output over every row visited.</summary>
    private struct DotInputOutput : IRowOp
    {
        public float Sum;

        public void Apply(Span<float> xr, Span<float> yr, int lo, int shift, int stride)
        {
            if (stride == 1) Sum += TensorPrimitives.Dot(xr.Slice(lo + shift, yr.Length), yr);
            else
                for (var k = 0; k < yr.Length; k++) Sum += xr[(lo + k) * stride + shift] * yr[k];
        }
    }
}
