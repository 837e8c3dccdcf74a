using ResearchKit.Tensors;
using ResearchKit.Tensors.Kernels;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>2-D convolution (cross-correlation) of input [N,C,H,W] with weight [K,C/groups,KH,KW] plus bias [K] -> [N,K,OH,OW], as torch's conv2d.</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1) =>
        Conv2d(input, weight, bias, (stride, stride), (padding, padding), (dilation, dilation), groups);

    /// <summary>2-D convolution with stride, padding and dilation given per axis (H, W).</summary>
    public static Tensor Conv2d(Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride, (int H, int W) padding,
        (int H, int W) dilation, int groups = 1)
    {
        var g = ConvShapes.Conv("conv2d", input, weight, bias, stride, padding, dilation, groups);
        var y = Tensor.Uninitialized(g.N, g.K, g.OH, g.OW);
        ConvKernels.Forward(input.Data, weight.Data, y.Data, g, new ConvEpilogue(null, bias?.Data, false));
        return Graph.Record("conv2d", y, bias is null ? [input, weight] : [input, weight, bias], dy =>
            [
                input.RequiresGrad ? ConvGradInput(dy, weight, g, input.Shape) : null,
                weight.RequiresGrad ? ConvGradWeight(input, dy, g, weight.Shape) : null,
                .. bias is null ? Array.Empty<Tensor?>() : [bias.RequiresGrad ? BiasGrad(dy, g.N, g.K, g.OHW) : null],
            ]);
    }

    /// <summary>Transposed 2-D convolution of input [N,Cin,H,W] with weight [Cin,Cout/groups,KH,KW] plus bias [Cout] -> [N,Cout,OH,OW],
    /// OH = (H−1)·stride − 2·padding + dilation·(KH−1) + outputPadding + 1, as torch's conv_transpose2d.</summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias = null, int stride = 1, int padding = 0,
        int outputPadding = 0, int dilation = 1, int groups = 1) =>
        ConvTranspose2d(input, weight, bias, (stride, stride), (padding, padding), (outputPadding, outputPadding), (dilation, dilation), groups);

    /// <summary>Transposed 2-D convolution with stride, padding, output padding and dilation given per axis (H, W).</summary>
    public static Tensor ConvTranspose2d(Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride, (int H, int W) padding,
        (int H, int W) outputPadding, (int H, int W) dilation, int groups = 1)
    {
        // The adjoint of the convolution g maps g's output space (this input) to g's input space (this output).
        var g = ConvShapes.Transposed("conv_transpose2d", input, weight, bias, stride, padding, outputPadding, dilation, groups);
        var y = Tensor.Uninitialized(g.N, g.C, g.H, g.W);
        ConvKernels.BackwardInput(input.Data, weight.Data, y.Data, g);
        if (bias is not null)
        {
            var shift = new ConvEpilogue(null, bias.Data, false);
            Threading.For(g.N * g.C, t => shift.Apply(t % g.C, y.Data.AsSpan(t * g.HW, g.HW)));
        }
        return Graph.Record("conv_transpose2d", y, bias is null ? [input, weight] : [input, weight, bias], dy =>
            [
                input.RequiresGrad ? ConvOutput(dy, weight, g) : null,
                weight.RequiresGrad ? ConvGradWeight(dy, input, g, weight.Shape) : null,
                .. bias is null ? Array.Empty<Tensor?>() : [bias.RequiresGrad ? BiasGrad(dy, g.N, g.C, g.HW) : null],
            ]);
    }

    /// <summary>relu(conv2d(input, weight)·scale[k] + shift[k]) in one pass: eval-mode conv → batch norm → ReLU with the batch
    /// norm (and any conv bias) folded by <see cref="ConvEpilogue.FoldBatchNorm"/>; scale and shift [K] are constants.</summary>
    /// <remarks>Meant for inference (grad mode off), where it saves two passes over the output; when recorded it still
    /// back-propagates to input and weight (not to scale/shift).</remarks>
    public static Tensor Conv2dBnRelu(Tensor input, Tensor weight, Tensor scale, Tensor shift, int stride = 1, int padding = 0,
        int dilation = 1, int groups = 1, bool relu = true)
    {
        var g = ConvShapes.Conv("conv2d_bn_relu", input, weight, null, (stride, stride), (padding, padding), (dilation, dilation), groups);
        ShapeChecks.Require(scale.Count == g.K && shift.Count == g.K && scale.Rank == 1 && shift.Rank == 1,
            "conv2d_bn_relu", $"scale and shift must be [{g.K}]", weight, scale, shift);
        ShapeChecks.Require(!scale.RequiresGrad && !shift.RequiresGrad, "conv2d_bn_relu", "scale and shift are constants (folded eval-mode batch norm)", scale, shift);
        var y = Tensor.Uninitialized(g.N, g.K, g.OH, g.OW);
        ConvKernels.Forward(input.Data, weight.Data, y.Data, g, new ConvEpilogue(scale.Data, shift.Data, relu));
        return Graph.Record("conv2d_bn_relu", y, [input, weight], dy =>
        {
            // d/d(conv) = dy · [y > 0] · scale[k]
            var dc = Tensor.Uninitialized(dy.Shape);
            Threading.For(g.N * g.K, t =>
            {
                var s = scale.Data[t % g.K];
                for (var i = t * g.OHW; i < (t + 1) * g.OHW; i++) dc.Data[i] = !relu || y.Data[i] > 0 ? dy.Data[i] * s : 0f;
            });
            return [input.RequiresGrad ? ConvGradInput(dc, weight, g, input.Shape) : null,
                weight.RequiresGrad ? ConvGradWeight(input, dc, g, weight.Shape) : null];
        });
    }

    private static Tensor ConvGradInput(Tensor dy, Tensor weight, ConvGeometry g, int[] shape)
    {
        var dx = Tensor.Uninitialized(shape);
        ConvKernels.BackwardInput(dy.Data, weight.Data, dx.Data, g);
        return dx;
    }

    private static Tensor ConvGradWeight(Tensor x, Tensor dy, ConvGeometry g, int[] shape)
    {
        var dw = Tensor.Uninitialized(shape);
        ConvKernels.BackwardWeight(x.Data, dy.Data, dw.Data, g);
        return dw;
    }

    private static Tensor ConvOutput(Tensor x, Tensor weight, ConvGeometry g)
    {
        var y = Tensor.Uninitialized(g.N, g.K, g.OH, g.OW);
        ConvKernels.Forward(x.Data, weight.Data, y.Data, g, ConvEpilogue.None);
        return y;
    }

    private static Tensor BiasGrad(Tensor dy, int n, int k, int pixels)
    {
        var db = Tensor.Uninitialized(k);
        ConvKernels.BackwardBias(dy.Data, db.Data, n, k, pixels);
        return db;
    }
}
