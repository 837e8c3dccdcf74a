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

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void BatchNorm2dRelu_EqualsReluAfterBatchNorm_InValuesGradientsAndRunningStats(bool training)
    {
        var rng = new Random(training ? 1 : 2);
        var x = GradCheck.Random(rng, 3, 4, 5, 7); // 35 values per plane: vector body and scalar tail
        Tensor weight = GradCheck.Random(rng, 4), bias = GradCheck.Random(rng, 4), g = GradCheck.Random(rng, 3, 4, 5, 7);
        Tensor[] Leaves() => [x.Detach(), weight.Detach(), bias.Detach()];
        Tensor[] Stats() => [Tensor.Full(0.1f, 4), Tensor.Full(0.8f, 4)];
        var (fused, fusedStats, separate, separateStats) = (Leaves(), Stats(), Leaves(), Stats());
        foreach (var t in fused.Concat(separate)) t.RequiresGrad = true;
        var yFused = F.BatchNorm2dRelu(fused[0], fused[1], fused[2], fusedStats[0], fusedStats[1], training);
        var ySeparate = F.Relu(F.BatchNorm2d(separate[0], separate[1], separate[2], separateStats[0], separateStats[1], training));
        Assert.Equal(ySeparate.Data, yFused.Data);
        Assert.Equal(separateStats[0].Data, fusedStats[0].Data);
        Assert.Equal(separateStats[1].Data, fusedStats[1].Data);
        Assert.Contains(0f, yFused.Data);
        F.Sum(F.Mul(yFused, g)).Backward();
        F.Sum(F.Mul(ySeparate, g)).Backward();
        for (var k = 0; k < 3; k++) Assert.Equal(separate[k].Grad!.Data, fused[k].Grad!.Data);
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
        GradCheck.Assert(x => F.BatchNorm2dRelu(x[0], x[1], x[2], null, null, training: true),
            [GradCheck.Random(rng, 2, 3, 3, 3), GradCheck.Random(rng, 3), Tensor.Full(0.5f, 3)], eps: 1e-3, rtol: 3e-2, atol: 5e-3);
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
