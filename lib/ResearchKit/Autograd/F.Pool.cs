using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using ResearchKit.Tensors;
using ResearchKit.Tensors.Ops;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>Max over k×k windows of [N,C,H,W] with stride and implicit −∞ padding (ceil_mode = false) -> [N,C,OH,OW].</summary>
    public static Tensor MaxPool2d(Tensor x, int kernel, int stride, int padding = 0)
    {
        var (n, c, h, w, oh, ow) = PoolShape("max_pool2d", x, kernel, stride, padding);
        var y = Tensor.Uninitialized(n, c, oh, ow);
        var argmax = new int[y.Count];
        PoolKernels.MaxForward(x.Data, y.Data, argmax, n * c, h, w, kernel, stride, padding, oh, ow);
        return Graph.Record("max_pool2d", y, [x], g =>
        {
            var dx = Tensor.Zeros(x.Shape);
            PoolKernels.MaxBackward(g.Data, argmax, dx.Data, n * c, h * w, oh * ow);
            return [dx];
        });
    }

    /// <summary>Mean over k×k windows of [N,C,H,W] with stride and zero padding counted in the divisor
    /// (count_include_pad = true, ceil_mode = false, PyTorch's defaults) -> [N,C,OH,OW].</summary>
    public static Tensor AvgPool2d(Tensor x, int kernel, int stride, int padding = 0)
    {
        var (n, c, h, w, oh, ow) = PoolShape("avg_pool2d", x, kernel, stride, padding);
        return AvgPool("avg_pool2d", x, n * c, h, w, oh, ow, kernel, stride, padding, adaptive: false);
    }

    /// <summary>Adaptive average pooling of [N,C,H,W] to [N,C,outH,outW] with PyTorch's windows
    /// floor(i·H/outH) .. ceil((i+1)·H/outH).</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor x, int outH, int outW)
    {
        const string op = "adaptive_avg_pool2d";
        ShapeChecks.Rank(op, x, 4);
        ShapeChecks.Require(outH > 0 && outW > 0, op, $"output size {outH}x{outW} must be positive", x);
        int n = x.Shape[0], c = x.Shape[1];
        return AvgPool(op, x, n * c, x.Shape[2], x.Shape[3], outH, outW, 0, 0, 0, adaptive: true);
    }

    /// <summary>Adaptive average pooling to a square <paramref name="outputSize"/> (1 = global average pooling).</summary>
    public static Tensor AdaptiveAvgPool2d(Tensor x, int outputSize) =>
        outputSize == 1 ? GlobalAvgPool2d(x) : AdaptiveAvgPool2d(x, outputSize, outputSize);

    /// <summary>Mean over H,W of [N,C,H,W] -> [N,C,1,1] (adaptive_avg_pool2d with output size 1).</summary>
    public static Tensor GlobalAvgPool2d(Tensor x)
    {
        const string op = "global_avg_pool2d";
        ShapeChecks.Rank(op, x, 4);
        int n = x.Shape[0], c = x.Shape[1], hw = x.Shape[2] * x.Shape[3];
        var y = Tensor.Uninitialized(n, c, 1, 1);
        Chunks.ForItems(n * c, hw, p => y.Data[p] = TensorPrimitives.Sum<float>(x.Data.AsSpan(p * hw, hw)) / hw);
        return Graph.Record(op, y, [x], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            Chunks.ForItems(n * c, hw, p => dx.Data.AsSpan(p * hw, hw).Fill(g.Data[p] / hw));
            return [dx];
        });
    }

    private static Tensor AvgPool(string op, Tensor x, int planes, int h, int w, int oh, int ow, int k, int s, int p, bool adaptive)
    {
        var y = Tensor.Uninitialized(x.Shape[0], x.Shape[1], oh, ow);
        PoolKernels.AvgForward(x.Data, y.Data, planes, h, w, oh, ow, k, s, p, adaptive);
        return Graph.Record(op, y, [x], g =>
        {
            var dx = Tensor.Zeros(x.Shape);
            PoolKernels.AvgBackward(g.Data, dx.Data, planes, h, w, oh, ow, k, s, p, adaptive);
            return [dx];
        });
    }

    private static (int N, int C, int H, int W, int OH, int OW) PoolShape(string op, Tensor x, int k, int s, int p)
    {
        ShapeChecks.Rank(op, x, 4);
        ShapeChecks.Require(k > 0 && s > 0 && p >= 0, op, $"kernel {k} and stride {s} must be positive, padding {p} non-negative", x);
        ShapeChecks.Require(p <= k / 2, op, $"padding {p} must be at most half the kernel {k}", x);
        int h = x.Shape[2], w = x.Shape[3], oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1;
        ShapeChecks.Require(h + 2 * p >= k && w + 2 * p >= k, op, $"kernel {k} is larger than the padded input", x);
        return (x.Shape[0], x.Shape[1], h, w, oh, ow);
    }
}
