using ResearchKit.Optim;
using ResearchKit.Tensors;
using ResearchKit.Tests.Autograd;

namespace ResearchKit.Tests.Optim;

public sealed class GradClippingTests
{
    private static Tensor WithGrad(float[] grad, params int[] shape) =>
        new(new float[grad.Length], shape) { RequiresGrad = true, Grad = new Tensor(grad, shape) };

    [Fact]
    public void TotalNormAbove_ScalesEveryGradientByMaxOverNorm()
    {
        var p1 = WithGrad([3], 1);
        var p2 = WithGrad([0, 4], 2);
        var norm = GradClipping.ClipGradNorm([p1, p2], maxNorm: 1);
        Assert.Equal(5.0, norm, 12);                                // √(9 + 16)
        var coef = (float)(1 / (5 + 1e-6));
        Assert.Equal([3 * coef], p1.Grad!.Data);
        Assert.Equal([0, 4 * coef], p2.Grad!.Data);
    }

    [Fact]
    public void TotalNormBelow_LeavesGradientsUnchanged_AndSkipsParametersWithoutGrad()
    {
        var p1 = WithGrad([0.3f, -0.4f], 2);
        var noGrad = new Tensor([1f], 1) { RequiresGrad = true };
        Assert.Equal(0.5, GradClipping.ClipGradNorm([p1, noGrad], maxNorm: 1), 6);
        Assert.Equal([0.3f, -0.4f], p1.Grad!.Data);
        Assert.Null(noGrad.Grad);
        Assert.Equal(0.0, GradClipping.ClipGradNorm([noGrad], 1));
    }

    [Fact]
    public void ClippedUnclippedAndInfinityNorm_MatchPyTorch()
    {
        var g = Golden.Load("optim_clip");
        foreach (var (tag, normType) in new[] { ("clipped", 2.0), ("unclipped", 2.0), ("inf", double.PositiveInfinity) })
        {
            var p1 = WithGrad(g.Input("g1").Data, 3, 4);
            var p2 = WithGrad(g.Input("g2").Data, 5);
            var norm = GradClipping.ClipGradNorm([p1, p2], (double)g.Param(tag), normType);
            Golden.AssertClose(g.Output($"{tag}_norm"), Tensor.Scalar((float)norm), 1e-6, $"{tag} norm");
            Golden.AssertClose(g.Output($"{tag}_g1"), p1.Grad!, 1e-6, $"{tag} g1");
            Golden.AssertClose(g.Output($"{tag}_g2"), p2.Grad!, 1e-6, $"{tag} g2");
        }
    }
}
