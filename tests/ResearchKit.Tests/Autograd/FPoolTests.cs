using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

public sealed class FPoolTests
{
    [Fact]
    public void MaxPool2x2_TakesEachWindowsMax_AndRoutesTheGradientToIt_FirstOnTies()
    {
        var x = new Tensor([1, 5, 2, 2, 3, 2, 2, 2], 1, 1, 2, 4); // windows [1,5,3,2] and [2,2,2,2]
        x.RequiresGrad = true;
        var y = F.MaxPool2d(x, 2, 2);
        Assert.Equal([1, 1, 1, 2], y.Shape);
        Assert.Equal([5f, 2f], y.Data);
        F.Sum(F.Mul(y, new Tensor([10f, 20f], 1, 1, 1, 2))).Backward();
        Assert.Equal([0f, 10, 20, 0, 0, 0, 0, 0], x.Grad!.Data);
    }

    [Fact]
    public void MaxPool2x2_OnWideRowsWithTiesAndNaN_FollowsTheFirstMaximumRule()
    {
        // Wide rows take the vector path; values from {0,1,2,3} make ties common; NaN wins its window as in PyTorch.
        var rng = new Random(6);
        int h = 4, w = 71, oh = 2, ow = 35;
        var x = new Tensor([.. Enumerable.Range(0, 2 * h * w).Select(_ => (float)rng.Next(4))], 1, 2, h, w);
        x.Data[w + 41] = float.NaN;
        x.RequiresGrad = true;
        var y = F.MaxPool2d(x, 2, 2);
        var g = new Tensor([.. Enumerable.Range(1, 2 * oh * ow).Select(i => (float)i)], 1, 2, oh, ow);
        F.Sum(F.Mul(y, g)).Backward();
        var expectedGrad = new float[x.Count];
        for (var p = 0; p < 2; p++)
            for (var oy = 0; oy < oh; oy++)
                for (var ox = 0; ox < ow; ox++)
                {
                    var best = -1;
                    foreach (var i in new[] { 2 * oy * w + 2 * ox, 2 * oy * w + 2 * ox + 1, (2 * oy + 1) * w + 2 * ox, (2 * oy + 1) * w + 2 * ox + 1 })
                        if (best < 0 || x.Data[p * h * w + i] > x.Data[p * h * w + best] || float.IsNaN(x.Data[p * h * w + i])) best = i;
                    var o = (p * oh + oy) * ow + ox;
                    Assert.Equal(x.Data[p * h * w + best], y.Data[o]);
                    expectedGrad[p * h * w + best] += g.Data[o];
                }
        Assert.True(float.IsNaN(y.Data[20]));
        Assert.Equal(expectedGrad, x.Grad!.Data);
    }

    [Fact]
    public void MaxPoolWithPadding_IgnoresThePadding_EvenWhenAllValuesAreNegative()
    {
        var x = new Tensor([-4, -3, -2, -1], 1, 1, 2, 2);
        var y = F.MaxPool2d(x, 3, 2, 1); // one window covering everything plus padding
        Assert.Equal([-1f], y.Data);
    }

    [Fact]
    public void AvgPool_CountsPaddingInTheDivisor_LikePyTorchsDefault()
    {
        var x = Tensor.Full(1f, 1, 1, 3, 3);
        x.RequiresGrad = true;
        var y = F.AvgPool2d(x, 3, 2, 1); // 2x2 output, each window has 4 of 9 cells inside the input
        Assert.Equal([4f / 9, 4f / 9, 4f / 9, 4f / 9], y.Data);
        F.Sum(y).Backward();
        Assert.Equal([1f / 9, 2f / 9, 1f / 9, 2f / 9, 4f / 9, 2f / 9, 1f / 9, 2f / 9, 1f / 9], x.Grad!.Data);
    }

    [Fact]
    public void AdaptiveAndGlobalAvgPool_AverageTheirWindows()
    {
        var x = new Tensor([1, 2, 3, 4, 5, 6], 1, 1, 2, 3);
        Assert.Equal([3.5f], F.GlobalAvgPool2d(x).Data);
        Assert.Equal([1, 1, 1, 1], F.GlobalAvgPool2d(x).Shape);
        // Width 3 -> 2: windows [0,2) and [1,3), i.e. overlapping at column 1.
        Assert.Equal([3f, 4f], F.AdaptiveAvgPool2d(x, 1, 2).Data);
        Assert.Equal([3.5f], F.AdaptiveAvgPool2d(x, 1, 1).Data);
        Assert.Equal([3.5f], F.AdaptiveAvgPool2d(x, 1).Data);
        Assert.Equal([1.5f, 2.5f, 4.5f, 5.5f], F.AdaptiveAvgPool2d(new Tensor([1, 2, 3, 4, 5, 6], 1, 1, 2, 3), 2).Data);
    }

    [Fact]
    public void Pools_PassFiniteDifferenceChecks()
    {
        var rng = new Random(21);
        GradCheck.Assert(t => F.MaxPool2d(t[0], 2, 2), [Distinct(rng, 2, 2, 4, 6)]);
        GradCheck.Assert(t => F.MaxPool2d(t[0], 3, 2, 1), [Distinct(rng, 1, 2, 5, 5)]);
        GradCheck.Assert(t => F.AvgPool2d(t[0], 3, 2, 1), [GradCheck.Random(rng, 1, 2, 5, 5)]);
        GradCheck.Assert(t => F.AdaptiveAvgPool2d(t[0], 2, 3), [GradCheck.Random(rng, 1, 2, 5, 4)]);
        GradCheck.Assert(t => F.GlobalAvgPool2d(t[0]), [GradCheck.Random(rng, 2, 3, 3, 2)]);
    }

    [Fact]
    public void Pools_CheckTheirArguments()
    {
        var x = Tensor.Zeros(1, 1, 2, 2);
        Assert.Equal("max_pool2d: padding 2 must be at most half the kernel 3 (shapes [1,1,2,2])",
            Assert.Throws<ArgumentException>(() => F.MaxPool2d(x, 3, 1, 2)).Message);
        Assert.Equal("avg_pool2d: kernel 3 is larger than the padded input (shapes [1,1,2,2])",
            Assert.Throws<ArgumentException>(() => F.AvgPool2d(x, 3, 1)).Message);
        Assert.Equal("max_pool2d: input must have 4 dimensions, got [2,2]",
            Assert.Throws<ArgumentException>(() => F.MaxPool2d(Tensor.Zeros(2, 2), 2, 2)).Message);
    }

    /// <summary>Values spaced at least 0.05 apart in random order, so windows have no ties within the check's step.</summary>
    private static Tensor Distinct(Random rng, params int[] shape)
    {
        var t = Tensor.Zeros(shape);
        var order = Enumerable.Range(0, t.Count).OrderBy(_ => rng.Next()).ToArray();
        for (var i = 0; i < t.Count; i++) t.Data[i] = order[i] * 0.05f - 1;
        return t;
    }
}
