using ResearchKit.Autograd;
using ResearchKit.Tensors;
using ResearchKit.Tensors.Kernels;

namespace ResearchKit.Tests.Autograd;

public sealed class FConvConcatTests
{
    public static TheoryData<int, int, int> Layers => new()
    {
        // kernel, padding, dilation: 3x3 takes the direct kernels (no concatenation built), 1x1 the Concat fallback.
        { 3, 1, 1 }, { 3, 2, 2 }, { 1, 0, 1 },
    };

    [Theory]
    [MemberData(nameof(Layers))]
    public void ConvOfParts_EqualsConvOfTheirConcat_ValuesAndGradientsBitwise(int kernel, int padding, int dilation)
    {
        var rng = new Random(kernel * 10 + padding);
        var up = GradCheck.Random(rng, 2, 5, 7, 19);
        var skip = GradCheck.Random(rng, 2, 3, 7, 19);
        var w = GradCheck.Random(rng, 6, 8, kernel, kernel);
        var dy = GradCheck.Random(rng, 2, 6, ConvGeometry.OutputSize(7, kernel, 1, padding, dilation), ConvGeometry.OutputSize(19, kernel, 1, padding, dilation));

        var (y1, gUp1, gSkip1, gw1) = Run(u => F.Conv2d([u[0], u[1]], u[2], padding, dilation), up, skip, w, dy);
        var (y2, gUp2, gSkip2, gw2) = Run(u => F.Conv2d(F.Concat([u[0], u[1]], 1), u[2], null, 1, padding, dilation), up, skip, w, dy);

        Assert.Equal(y2.Shape, y1.Shape);
        Assert.Equal(y2.Data, y1.Data);
        Assert.Equal(gUp2, gUp1);
        Assert.Equal(gSkip2, gSkip1);
        Assert.Equal(gw2, gw1);
    }

    [Fact]
    public void ConvOfParts_PassesAFiniteDifferenceCheck()
    {
        var rng = new Random(3);
        Tensor[] inputs = [GradCheck.Random(rng, 1, 2, 4, 5), GradCheck.Random(rng, 1, 3, 4, 5), GradCheck.Random(rng, 2, 5, 3, 3)];
        GradCheck.Assert(x => F.Conv2d([x[0], x[1]], x[2], padding: 1), inputs);
    }

    [Fact]
    public void FusedEvalConvOfParts_EqualsTheFusedConvOfTheConcat()
    {
        var rng = new Random(4);
        var up = GradCheck.Random(rng, 2, 4, 6, 9);
        var skip = GradCheck.Random(rng, 2, 2, 6, 9);
        var w = GradCheck.Random(rng, 5, 6, 3, 3);
        var scale = GradCheck.Random(rng, 5);
        var shift = GradCheck.Random(rng, 5);
        using var _ = GradMode.Disable();
        var fused = F.Conv2dBnRelu([up, skip], w, scale, shift, padding: 1);
        var reference = F.Conv2dBnRelu(F.Concat([up, skip], 1), w, scale, shift, padding: 1);
        Assert.Equal(reference.Data, fused.Data);
        Assert.Contains(fused.Data, v => v == 0f); // the ReLU clipped something
    }

    [Fact]
    public void MismatchedParts_AreRefusedWithTheOpAndShapes()
    {
        var w = Tensor.Zeros(4, 5, 3, 3);
        var e = Assert.Throws<ArgumentException>(() => F.Conv2d([Tensor.Zeros(1, 2, 4, 4), Tensor.Zeros(1, 3, 4, 5)], w, 1));
        Assert.Equal("conv2d_cat: inputs must match in every dimension except channels (shapes [1,2,4,4], [1,3,4,5])", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.Conv2d([Tensor.Zeros(1, 2, 4, 4), Tensor.Zeros(1, 2, 4, 4)], w, 1));
        Assert.StartsWith("conv2d_cat: inputs have 4 channels in all but weight expects 5", e.Message);
    }

    private static (Tensor Y, float[] GUp, float[] GSkip, float[] Gw) Run(Func<Tensor[], Tensor> conv, Tensor up, Tensor skip, Tensor w, Tensor dy)
    {
        Tensor[] leaves = [up.Detach(), skip.Detach(), w.Detach()];
        foreach (var t in leaves) t.RequiresGrad = true;
        var y = conv(leaves);
        F.Sum(F.Mul(y, dy)).Backward();
        return (y, leaves[0].Grad!.Data, leaves[1].Grad!.Data, leaves[2].Grad!.Data);
    }
}
