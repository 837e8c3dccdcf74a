using ResearchKit.Tensors;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>Zero-pads [N,C,H,W] at the bottom and right to [N,C,outH,outW] (torch.nn.functional.pad with (0, outW−W, 0, outH−H)).</summary>
    public static Tensor PadBottomRight(Tensor x, int outH, int outW)
    {
        const string op = "pad";
        ShapeChecks.Require(x.Rank == 4 && outH >= x.Shape[2] && outW >= x.Shape[3], op,
            $"input must be [N,C,H,W] with H ≤ {outH} and W ≤ {outW}", x);
        if (outH == x.Shape[2] && outW == x.Shape[3]) return x;
        var y = Tensor.Zeros(x.Shape[0], x.Shape[1], outH, outW);
        CopyWindow(x, y, x.Shape[2], x.Shape[3]);
        return Graph.Record(op, y, [x], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            CopyWindow(g, dx, x.Shape[2], x.Shape[3]);
            return [dx];
        });
    }

    /// <summary>The top-left [N,C,h,w] window of [N,C,H,W] (x[..., :h, :w]).</summary>
    public static Tensor CropTopLeft(Tensor x, int h, int w)
    {
        const string op = "crop";
        ShapeChecks.Require(x.Rank == 4 && h >= 1 && w >= 1 && h <= x.Shape[2] && w <= x.Shape[3], op,
            $"input must be [N,C,H,W] with H ≥ {h} and W ≥ {w}", x);
        if (h == x.Shape[2] && w == x.Shape[3]) return x;
        var y = Tensor.Uninitialized(x.Shape[0], x.Shape[1], h, w);
        CopyWindow(x, y, h, w);
        return Graph.Record(op, y, [x], g =>
        {
            var dx = Tensor.Zeros(x.Shape);
            CopyWindow(g, dx, h, w);
            return [dx];
        });
    }

    // Copies the top-left h×w window of every plane from `from` to `to` (planes of their own sizes).
    private static void CopyWindow(Tensor from, Tensor to, int h, int w)
    {
        int planes = from.Shape[0] * from.Shape[1], fh = from.Shape[2], fw = from.Shape[3], th = to.Shape[2], tw = to.Shape[3];
        Threading.For(planes, p =>
        {
            for (var r = 0; r < h; r++)
                from.Data.AsSpan((p * fh + r) * fw, w).CopyTo(to.Data.AsSpan((p * th + r) * tw, w));
        });
    }
}
