using ResearchKit.Tensors;
using ResearchKit.Tensors.Kernels;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>conv2d(cat(inputs, dim 1), weight) with stride 1 and no bias: inputs [N,C_j,H,W], weight [K,ΣC_j,KH,KW] ->
    /// [N,K,OH,OW]. Where the direct kernels take the layer (the U-Net decoder's skip connection) the concatenation is
    /// never built, forward or backward; otherwise this is Concat then Conv2d. Same values either way.</summary>
    public static Tensor Conv2d(Tensor[] inputs, Tensor weight, int padding = 0, int dilation = 1)
    {
        var g = ConcatGeometry("conv2d_cat", inputs, weight, padding, dilation);
        if (inputs.Length == 1 || !ConvKernels.TakesParts(g)) return Conv2d(Joined(inputs), weight, null, 1, padding, dilation);
        var y = Tensor.Uninitialized(g.N, g.K, g.OH, g.OW);
        ConvKernels.Forward(Parts(inputs), weight.Data, y.Data, g, ConvEpilogue.None);
        return Graph.Record("conv2d_cat", y, [.. inputs, weight], dy => ConcatConvGrads(inputs, weight, dy, g));
    }

    /// <summary><see cref="Conv2dBnRelu(Tensor, Tensor, Tensor, Tensor, int, int, int, int, bool)"/> of cat(inputs, dim 1)
    /// with stride 1, for inference: the concatenation is not built where the direct kernels take the layer and nothing
    /// needs a gradient.</summary>
    public static Tensor Conv2dBnRelu(Tensor[] inputs, Tensor weight, Tensor scale, Tensor shift, int padding = 0,
        int dilation = 1, bool relu = true)
    {
        var g = ConcatGeometry("conv2d_bn_relu_cat", inputs, weight, padding, dilation);
        var recorded = GradMode.IsEnabled && (weight.RequiresGrad || inputs.Any(t => t.RequiresGrad));
        if (inputs.Length == 1 || recorded || !ConvKernels.TakesParts(g))
            return Conv2dBnRelu(Joined(inputs), weight, scale, shift, 1, padding, dilation, 1, relu);
        ShapeChecks.Require(scale.Count == g.K && shift.Count == g.K && scale.Rank == 1 && shift.Rank == 1,
            "conv2d_bn_relu_cat", $"scale and shift must be [{g.K}]", weight, scale, shift);
        var y = Tensor.Uninitialized(g.N, g.K, g.OH, g.OW);
        ConvKernels.Forward(Parts(inputs), weight.Data, y.Data, g, new ConvEpilogue(scale.Data, shift.Data, relu));
        return y;
    }

    private static Tensor?[] ConcatConvGrads(Tensor[] inputs, Tensor weight, Tensor dy, ConvGeometry g)
    {
        var grads = new Tensor?[inputs.Length + 1];
        if (inputs.Any(t => t.RequiresGrad))
        {
            var dx = inputs.Select(t => Tensor.Uninitialized(t.Shape)).ToArray();
            ConvKernels.BackwardInput(dy.Data, weight.Data, Parts(dx), g);
            for (var j = 0; j < inputs.Length; j++) grads[j] = inputs[j].RequiresGrad ? dx[j] : null;
        }
        if (weight.RequiresGrad)
        {
            var dw = Tensor.Uninitialized(weight.Shape);
            ConvKernels.BackwardWeight(Parts(inputs), dy.Data, dw.Data, g);
            grads[^1] = dw;
        }
        return grads;
    }

    private static Tensor Joined(Tensor[] inputs) => inputs.Length == 1 ? inputs[0] : Concat(inputs, 1);

    private static ChannelParts Parts(Tensor[] ts) => new(ts.Select(t => t.Data).ToArray(), ts.Select(t => t.Shape[1]).ToArray());

    private static ConvGeometry ConcatGeometry(string op, Tensor[] inputs, Tensor weight, int padding, int dilation)
    {
        if (inputs.Length == 0) throw new ArgumentException($"{op}: needs at least one input");
        foreach (var t in inputs) ShapeChecks.Rank(op, t, 4);
        ShapeChecks.Rank(op, weight, 4, "weight");
        if (padding < 0 || dilation < 1) throw new ArgumentException($"{op}: padding {padding} must be >= 0 and dilation {dilation} >= 1");
        var first = inputs[0];
        ShapeChecks.Require(inputs.All(t => t.Shape[0] == first.Shape[0] && t.Shape[2] == first.Shape[2] && t.Shape[3] == first.Shape[3]),
            op, "inputs must match in every dimension except channels", inputs);
        var c = inputs.Sum(t => t.Shape[1]);
        ShapeChecks.Require(c == weight.Shape[1], op, $"inputs have {c} channels in all but weight expects {weight.Shape[1]}", [.. inputs, weight]);
        int kh = weight.Shape[2], kw = weight.Shape[3];
        int oh = ConvGeometry.OutputSize(first.Shape[2], kh, 1, padding, dilation), ow = ConvGeometry.OutputSize(first.Shape[3], kw, 1, padding, dilation);
        ShapeChecks.Require(oh > 0 && ow > 0, op, "kernel (dilated) is larger than the padded input", first, weight);
        return new(first.Shape[0], c, first.Shape[2], first.Shape[3], weight.Shape[0], oh, ow, kh, kw, 1, 1, padding, padding,
            dilation, dilation, 1);
    }
}
