using ResearchKit.Tensors;
using ResearchKit.Tensors.Ops;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>Bilinear resize of [N,C,H,W] to [N,C,outH,outW], as F.interpolate(mode='bilinear', size=...) in PyTorch
    /// 1.13: with <paramref name="alignCorners"/> the corner pixels map onto each other; without it pixel centres map
    /// with scale in/out and source positions below 0 are clamped to 0.</summary>
    public static Tensor UpsampleBilinear(Tensor x, int outH, int outW, bool alignCorners)
    {
        const string op = "upsample_bilinear2d";
        var (planes, h, w) = ResizeShape(op, x, outH, outW);
        LinearAxis ay = LinearAxis.Create(h, outH, alignCorners), ax = LinearAxis.Create(w, outW, alignCorners);
        var y = Tensor.Uninitialized(x.Shape[0], x.Shape[1], outH, outW);
        ResizeKernels.BilinearForward(x.Data, y.Data, planes, h, w, ay, ax);
        return Graph.Record(op, y, [x], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            ResizeKernels.BilinearBackward(g.Data, dx.Data, planes, h, w, ay, ax);
            return [dx];
        });
    }

    /// <summary>Nearest resize of [N,C,H,W] to [N,C,outH,outW], PyTorch's 'nearest': source = floor(dst·in/out).</summary>
    public static Tensor UpsampleNearest(Tensor x, int outH, int outW)
    {
        const string op = "upsample_nearest2d";
        var (planes, h, w) = ResizeShape(op, x, outH, outW);
        int[] iy = ResizeKernels.NearestIndex(h, outH), ix = ResizeKernels.NearestIndex(w, outW);
        var y = Tensor.Uninitialized(x.Shape[0], x.Shape[1], outH, outW);
        ResizeKernels.NearestForward(x.Data, y.Data, planes, h, w, iy, ix);
        return Graph.Record(op, y, [x], g =>
        {
            var dx = Tensor.Zeros(x.Shape);
            ResizeKernels.NearestBackward(g.Data, dx.Data, planes, h, w, iy, ix);
            return [dx];
        });
    }

    private static (int Planes, int H, int W) ResizeShape(string op, Tensor x, int outH, int outW)
    {
        ShapeChecks.Rank(op, x, 4);
        ShapeChecks.Require(outH > 0 && outW > 0, op, $"output size {outH}x{outW} must be positive", x);
        return (x.Shape[0] * x.Shape[1], x.Shape[2], x.Shape[3]);
    }
}
