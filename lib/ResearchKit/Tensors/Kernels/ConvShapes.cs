namespace ResearchKit.Tensors.Kernels;

/// <summary>Validates convolution arguments and builds their <see cref="ConvGeometry"/>, with errors naming the op and shapes.</summary>
public static class ConvShapes
{
    /// <summary>Geometry of conv2d(input [N,C,H,W], weight [K,C/groups,KH,KW]); throws ArgumentException on a mismatch.</summary>
    public static ConvGeometry Conv(string op, Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride,
        (int H, int W) padding, (int H, int W) dilation, int groups)
    {
        Common(op, input, weight, stride, padding, dilation, groups);
        int n = input.Shape[0], c = input.Shape[1], k = weight.Shape[0], kh = weight.Shape[2], kw = weight.Shape[3];
        ShapeChecks.Require(c == weight.Shape[1] * groups, op, $"input has {c} channels but weight expects {weight.Shape[1]}x{groups} groups", input, weight);
        ShapeChecks.Require(k % groups == 0, op, $"{k} output channels are not divisible by {groups} groups", input, weight);
        ShapeChecks.Require(bias is null || bias.Count == k && bias.Rank == 1, op, $"bias must be [{k}]", weight, bias ?? weight);
        var oh = ConvGeometry.OutputSize(input.Shape[2], kh, stride.H, padding.H, dilation.H);
        var ow = ConvGeometry.OutputSize(input.Shape[3], kw, stride.W, padding.W, dilation.W);
        ShapeChecks.Require(oh > 0 && ow > 0, op, "kernel (dilated) is larger than the padded input", input, weight);
        return new(n, c, input.Shape[2], input.Shape[3], k, oh, ow, kh, kw, stride.H, stride.W, padding.H, padding.W,
            dilation.H, dilation.W, groups);
    }

    /// <summary>Geometry of conv_transpose2d(input [N,Cin,H,W], weight [Cin,Cout/groups,KH,KW]) seen as the convolution it is
    /// the adjoint of: that convolution's input is this op's output [N,Cout,OH,OW] and its output is this op's input.</summary>
    public static ConvGeometry Transposed(string op, Tensor input, Tensor weight, Tensor? bias, (int H, int W) stride,
        (int H, int W) padding, (int H, int W) outputPadding, (int H, int W) dilation, int groups)
    {
        Common(op, input, weight, stride, padding, dilation, groups);
        int n = input.Shape[0], cin = input.Shape[1], cout = weight.Shape[1] * groups, kh = weight.Shape[2], kw = weight.Shape[3];
        ShapeChecks.Require(cin == weight.Shape[0] && cin % groups == 0, op, $"input has {cin} channels but weight has {weight.Shape[0]} (groups {groups})", input, weight);
        ShapeChecks.Require(bias is null || bias.Count == cout && bias.Rank == 1, op, $"bias must be [{cout}]", weight, bias ?? weight);
        ShapeChecks.Require(outputPadding.H >= 0 && outputPadding.W >= 0 &&
            (outputPadding.H < stride.H || outputPadding.H < dilation.H) && (outputPadding.W < stride.W || outputPadding.W < dilation.W),
            op, $"output padding ({outputPadding.H},{outputPadding.W}) must be smaller than stride or dilation", input, weight);
        var oh = (input.Shape[2] - 1) * stride.H - 2 * padding.H + dilation.H * (kh - 1) + outputPadding.H + 1;
        var ow = (input.Shape[3] - 1) * stride.W - 2 * padding.W + dilation.W * (kw - 1) + outputPadding.W + 1;
        ShapeChecks.Require(oh > 0 && ow > 0, op, $"output size {oh}x{ow} is not positive", input, weight);
        return new(n, cout, oh, ow, cin, input.Shape[2], input.Shape[3], kh, kw, stride.H, stride.W, padding.H, padding.W,
            dilation.H, dilation.W, groups);
    }

    private static void Common(string op, Tensor input, Tensor weight, (int H, int W) stride,
        (int H, int W) padding, (int H, int W) dilation, int groups)
    {
        ShapeChecks.Rank(op, input, 4);
        ShapeChecks.Rank(op, weight, 4, "weight");
        if (stride.H < 1 || stride.W < 1 || dilation.H < 1 || dilation.W < 1 || padding.H < 0 || padding.W < 0 || groups < 1)
            throw new ArgumentException($"{op}: stride ({stride.H},{stride.W}) and dilation ({dilation.H},{dilation.W}) must be >= 1, " +
                $"padding ({padding.H},{padding.W}) >= 0 and groups {groups} >= 1");
    }
}
