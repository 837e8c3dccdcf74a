using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

public sealed class FShapeTests
{
    [Fact]
    public void ConcatOnChannels_InterleavesPerBatchItem_AndSplitsTheGradientBack()
    {
        var a = new Tensor([1, 2, 3, 4], 2, 1, 1, 2);
        var b = new Tensor([5, 6, 7, 8, 9, 10, 11, 12], 2, 2, 1, 2);
        a.RequiresGrad = b.RequiresGrad = true;
        var y = F.Concat([a, b], 1);
        Assert.Equal([2, 3, 1, 2], y.Shape);
        Assert.Equal([1f, 2, 5, 6, 7, 8, 3, 4, 9, 10, 11, 12], y.Data);
        F.Sum(F.Mul(y, new Tensor([.. Enumerable.Range(0, 12).Select(i => (float)i)], 2, 3, 1, 2))).Backward();
        Assert.Equal([0f, 1, 6, 7], a.Grad!.Data);
        Assert.Equal([2f, 3, 4, 5, 8, 9, 10, 11], b.Grad!.Data);
    }

    [Fact]
    public void Concat_ChecksShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => F.Concat([Tensor.Zeros(2, 3, 4), Tensor.Zeros(2, 3, 5)], 1));
        Assert.Equal("cat: tensors must match in every dimension except 1 (shapes [2,3,4], [2,3,5])", e.Message);
        Assert.Equal([2, 3, 9], F.Concat([Tensor.Zeros(2, 3, 4), Tensor.Zeros(2, 3, 5)], -1).Shape);
    }

    [Fact]
    public void SumAndMeanOverDims_HandComputed()
    {
        var x = new Tensor([1, 2, 3, 4, 5, 6], 2, 3);
        Assert.Equal([5f, 7, 9], F.Sum(x, [0]).Data);
        Assert.Equal([2f, 5], F.Mean(x, [1]).Data);
        var kept = F.Mean(x, [-1], keepDim: true);
        Assert.Equal([2, 1], kept.Shape);
        Assert.Equal([21f], F.Sum(x, [0, 1]).Data);
        Assert.Equal("sum: dim -1 appears twice for shape [2,3]", Assert.Throws<ArgumentException>(() => F.Sum(x, [1, -1])).Message);
    }

    [Fact]
    public void ShapeOps_PassFiniteDifferenceChecks()
    {
        var rng = new Random(4);
        GradCheck.Assert(t => F.Concat(t, 1), [GradCheck.Random(rng, 2, 1, 2, 3), GradCheck.Random(rng, 2, 3, 2, 3)]);
        GradCheck.Assert(t => F.Concat(t, 0), [GradCheck.Random(rng, 1, 3), GradCheck.Random(rng, 2, 3)]);
        GradCheck.Assert(t => F.Sum(t[0], [1, 3]), [GradCheck.Random(rng, 2, 3, 2, 2)]);
        GradCheck.Assert(t => F.Mean(t[0], [0, 2], keepDim: true), [GradCheck.Random(rng, 2, 3, 2, 2)]);
    }
}
