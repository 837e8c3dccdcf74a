using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

public sealed class FNormTests
{
    [Fact]
    public void BatchNormTraining_NormalisesWithBiasedVariance_AndUpdatesRunningStatsWithUnbiased()
    {
        // One channel holding 1, 2, 3, 4: mean 2.5, biased var 1.25, unbiased var 5/3.
        var x = new Tensor([1, 2, 3, 4], 1, 1, 2, 2);
        Tensor runningMean = new([0f], 1), runningVar = new([1f], 1);
        var y = F.BatchNorm2d(x, new Tensor([2f], 1), new Tensor([0.5f], 1), runningMean, runningVar, training: true);
        var s = 1 / Math.Sqrt(1.25 + 1e-5);
        for (var i = 0; i < 4; i++) Assert.Equal(2 * (i + 1 - 2.5) * s + 0.5, y.Data[i], 1e-5);
        Assert.Equal(0.25f, runningMean.Data[0], 6);               // 0.9·0 + 0.1·2.5
        Assert.Equal(0.9 + 0.1 * 5 / 3.0, runningVar.Data[0], 6);  // 0.9·1 + 0.1·5/3
    }

    [Fact]
    public void BatchNormEval_UsesRunningStats_LeavesThemUnchanged_AndScalesTheGradient()
    {
        var x = new Tensor([1, 2, 3, 4, 5, 6, 7, 8], 1, 2, 2, 2);
        Tensor runningMean = new([1f, -1f], 2), runningVar = new([4f, 0.25f], 2);
        x.RequiresGrad = true;
        var y = F.BatchNorm2d(x, null, null, runningMean, runningVar, training: false, eps: 0);
        Assert.Equal([0f, 0.5f, 1f, 1.5f, 12f, 14f, 16f, 18f], y.Data); // (x − μ)/σ with σ = 2 and 0.5
        Assert.Equal([1f, -1f], runningMean.Data);
        F.Sum(y).Backward();
        Assert.Equal([0.5f, 0.5f, 0.5f, 0.5f, 2f, 2f, 2f, 2f], x.Grad!.Data);
    }

    [Fact]
    public void BatchNorm_PassesFiniteDifferenceChecksInBothModes()
    {
        var rng = new Random(5);
        Tensor rm = GradCheck.Random(rng, 3), rv = Tensor.Full(0.7f, 3);
        GradCheck.Assert(x => F.BatchNorm2d(x[0], x[1], x[2], null, null, training: true),
            [GradCheck.Random(rng, 2, 3, 3, 3), GradCheck.Random(rng, 3), GradCheck.Random(rng, 3)], eps: 1e-2, rtol: 3e-2, atol: 5e-3);
        GradCheck.Assert(x => F.BatchNorm2d(x[0], x[1], x[2], rm, rv, training: false),
            [GradCheck.Random(rng, 2, 3, 2, 2), GradCheck.Random(rng, 3), GradCheck.Random(rng, 3)]);
    }

    [Fact]
    public void BatchNorm_ChecksShapesAndModes()
    {
        var x = Tensor.Zeros(2, 3, 2, 2);
        var e = Assert.Throws<ArgumentException>(() => F.BatchNorm2d(x, Tensor.Zeros(4), null, null, null, true));
        Assert.Equal("batch_norm: weight must be [3] for 3 channels (shapes [2,3,2,2], [4])", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.BatchNorm2d(x, null, null, null, null, false));
        Assert.Equal("batch_norm: eval mode needs runningMean and runningVar (shapes [2,3,2,2])", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.BatchNorm2d(Tensor.Zeros(1, 3, 1, 1), null, null, null, null, true));
        Assert.Equal("batch_norm: training needs more than one value per channel (shapes [1,3,1,1])", e.Message);
        Assert.Throws<ArgumentException>(() => F.BatchNorm2d(Tensor.Zeros(2, 3), null, null, null, null, true));
    }

    [Fact]
    public void BatchNorm_IsBitwiseIdenticalAcrossRuns_AtAFixedThreadCount()
    {
        var x = GradCheck.Random(new Random(9), 4, 8, 32, 40);
        var a = F.BatchNorm2d(x, null, null, null, null, true);
        var b = F.BatchNorm2d(x, null, null, null, null, true);
        Assert.Equal(a.Data, b.Data);
    }
}
