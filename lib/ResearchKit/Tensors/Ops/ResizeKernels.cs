using System.Buffers;
using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Ops;

/// <summary>Source indices and weights of one axis of a linear resize: output i blends input I0[i] (weight L0[i]) and
/// I1[i] (weight L1[i]).</summary>
internal sealed record LinearAxis(int[] I0, int[] I1, float[] L0, float[] L1)
{
    /// <summary>PyTorch's upsample_bilinear2d rule in float: src = scale·i (align corners, scale = (in−1)/(out−1)) or
    /// max(scale·(i + 0.5) − 0.5, 0) (scale = in/out); I0 = floor(src) capped at in − 1, I1 = I0 + 1 capped likewise.</summary>
    public static LinearAxis Create(int input, int output, bool alignCorners)
    {
        var scale = alignCorners ? (output > 1 ? (float)(input - 1) / (output - 1) : 0f) : (float)input / output;
        var axis = new LinearAxis(new int[output], new int[output], new float[output], new float[output]);
        for (var i = 0; i < output; i++)
        {
            var src = alignCorners ? scale * i : Math.Max(scale * (i + 0.5f) - 0.5f, 0f);
            var i0 = Math.Min((int)MathF.Floor(src), input - 1);
            var l1 = Math.Clamp(src - i0, 0f, 1f);
            axis.I0[i] = i0;
            axis.I1[i] = i0 < input - 1 ? i0 + 1 : i0;
            axis.L0[i] = 1f - l1;
            axis.L1[i] = l1;
        }
        return axis;
    }
}

/// <summary>Bilinear and nearest resizing over [planes, H, W]: a pass along W into a row buffer (<see cref="ResizeRows"/>),
/// then vector blends of whole rows along H; parallel over planes.</summary>
internal static class ResizeKernels
{
    /// <summary>y = Σ L_h·L_w·x over the two-by-two source neighbourhood of every output pixel.</summary>
    public static void BilinearForward(float[] x, float[] y, int planes, int h, int w, LinearAxis ay, LinearAxis ax)
    {
        int oh = ay.I0.Length, ow = ax.I0.Length;
        Chunks.ForItems(planes, oh * ow, plane =>
        {
            var rows = ArrayPool<float>.Shared.Rent(h * ow); // x interpolated along W: [h, ow]
            for (var iy = 0; iy < h; iy++) ResizeRows.Forward(x.AsSpan((plane * h + iy) * w, w), rows.AsSpan(iy * ow, ow), ax);
            for (var oy = 0; oy < oh; oy++)
            {
                var dst = y.AsSpan((plane * oh + oy) * ow, ow);
                TensorPrimitives.Multiply(rows.AsSpan(ay.I0[oy] * ow, ow), ay.L0[oy], dst);
                TensorPrimitives.MultiplyAdd(rows.AsSpan(ay.I1[oy] * ow, ow), ay.L1[oy], dst, dst);
            }
            ArrayPool<float>.Shared.Return(rows);
        });
    }

    /// <summary>The transpose of <see cref="BilinearForward"/>: each output gradient spread over its four sources.</summary>
    public static void BilinearBackward(float[] g, float[] dx, int planes, int h, int w, LinearAxis ay, LinearAxis ax)
    {
        int oh = ay.I0.Length, ow = ax.I0.Length;
        Chunks.ForItems(planes, oh * ow, plane =>
        {
            var rows = ArrayPool<float>.Shared.Rent(h * ow);
            Array.Clear(rows, 0, h * ow);
            for (var oy = 0; oy < oh; oy++)
            {
                var src = g.AsSpan((plane * oh + oy) * ow, ow);
                var r0 = rows.AsSpan(ay.I0[oy] * ow, ow);
                TensorPrimitives.MultiplyAdd(src, ay.L0[oy], r0, r0);
                var r1 = rows.AsSpan(ay.I1[oy] * ow, ow);
                TensorPrimitives.MultiplyAdd(src, ay.L1[oy], r1, r1);
            }
            for (var iy = 0; iy < h; iy++) ResizeRows.Backward(rows.AsSpan(iy * ow, ow), dx.AsSpan((plane * h + iy) * w, w), ax);
            ArrayPool<float>.Shared.Return(rows);
        });
    }

    /// <summary>PyTorch's 'nearest' source index: min(floor(i·in/out), in − 1), with the scale in float.</summary>
    public static int[] NearestIndex(int input, int output)
    {
        var scale = (float)input / output;
        var index = new int[output];
        for (var i = 0; i < output; i++) index[i] = Math.Min((int)MathF.Floor(i * scale), input - 1);
        return index;
    }

    /// <summary>y[oy, ox] = x[iy[oy], ix[ox]] per plane.</summary>
    public static void NearestForward(float[] x, float[] y, int planes, int h, int w, int[] iy, int[] ix)
    {
        int oh = iy.Length, ow = ix.Length;
        Chunks.ForItems(planes, oh * ow, plane =>
        {
            for (var oy = 0; oy < oh; oy++)
            {
                var src = x.AsSpan((plane * h + iy[oy]) * w, w);
                var dst = y.AsSpan((plane * oh + oy) * ow, ow);
                for (var ox = 0; ox < ow; ox++) dst[ox] = src[ix[ox]];
            }
        });
    }

    /// <summary>dx[iy[oy], ix[ox]] += g[oy, ox] per plane (dx must be zeroed).</summary>
    public static void NearestBackward(float[] g, float[] dx, int planes, int h, int w, int[] iy, int[] ix)
    {
        int oh = iy.Length, ow = ix.Length;
        Chunks.ForItems(planes, oh * ow, plane =>
        {
            for (var oy = 0; oy < oh; oy++)
            {
                var src = g.AsSpan((plane * oh + oy) * ow, ow);
                var dst = dx.AsSpan((plane * h + iy[oy]) * w, w);
                for (var ox = 0; ox < ow; ox++) dst[ix[ox]] += src[ox];
            }
        });
    }
}
