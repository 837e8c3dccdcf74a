using ResearchKit.Autograd;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class BatchNorm2dTests
{
    // Channel 0 holds 1,2,3,4 (mean 2.5, biased var 1.25, unbiased 5/3); channel 1 holds 10,10,10,14 (mean 11, var 3, unbiased 4).
    private static Tensor Batch() => new([1, 2, 10, 10, 3, 4, 10, 14], 2, 2, 1, 2);

    [Fact]
    public void Init_IsOnesZerosAndUnitRunningVariance_WithPyTorchsStateNames()
    {
        var bn = new BatchNorm2d(3);
        Assert.Equal([1f, 1, 1], bn.Weight!.Data);
        Assert.Equal([0f, 0, 0], bn.Bias!.Data);
        Assert.Equal([0f, 0, 0], bn.RunningMean!.Data);
        Assert.Equal([1f, 1, 1], bn.RunningVar!.Data);
        Assert.Equal(["weight", "bias", "running_mean", "running_var", "num_batches_tracked"], bn.StateDict().Keys);
        Assert.Equal(["weight", "bias"], bn.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Training_NormalisesWithBatchStatistics_AndUpdatesRunningOnesWithMomentum()
    {
        var bn = new BatchNorm2d(2, momentum: 0.1);
        var y = bn.Forward(Batch());
        var c0 = new[] { y.Data[0], y.Data[1], y.Data[4], y.Data[5] };
        Assert.Equal((1 - 2.5) / Math.Sqrt(1.25 + 1e-5), c0[0], 1e-5);
        Assert.Equal(0, c0.Average(), 1e-6);
        Assert.Equal(0.25, bn.RunningMean!.Data[0], 1e-6);            // 0.1·mean
        Assert.Equal(1.1, bn.RunningMean.Data[1], 1e-6);
        Assert.Equal(0.9 + 0.1 * 5 / 3.0, bn.RunningVar!.Data[0], 1e-6); // 0.9 + 0.1·unbiased variance
        Assert.Equal(0.9 + 0.1 * 4, bn.RunningVar.Data[1], 1e-6);
        Assert.Equal(1f, bn.NumBatchesTracked!.Item());
        bn.Forward(Batch());
        Assert.Equal(2f, bn.NumBatchesTracked!.Item());
    }

    [Fact]
    public void Eval_NormalisesWithRunningStatistics_AndChangesNothing()
    {
        var bn = new BatchNorm2d(2);
        bn.RunningMean!.Data[1] = 10;
        bn.RunningVar!.Data[1] = 4;
        bn.Weight!.Data[1] = 2;
        bn.Bias!.Data[1] = 1;
        bn.Eval();
        var y = bn.Forward(Batch());
        Assert.Equal(1 / Math.Sqrt(1 + 1e-5), y.Data[0], 1e-6);         // channel 0: (x − 0)/√1
        Assert.Equal(2 * 4 / Math.Sqrt(4 + 1e-5) + 1, y.Data[7], 1e-5);  // channel 1: 2·(14 − 10)/2 + 1
        Assert.Equal([0f, 10f], bn.RunningMean.Data);
        Assert.Equal(0f, bn.NumBatchesTracked!.Item());
    }

    [Fact]
    public void Training_BackPropagatesToWeightAndBias()
    {
        var bn = new BatchNorm2d(2);
        F.Sum(F.Mul(bn.Forward(Batch()), Batch())).Backward();
        Assert.Equal([2], bn.Weight!.Grad!.Shape);
        Assert.Equal(1 + 2 + 3 + 4, bn.Bias!.Grad!.Data[0], 1e-4); // ∂/∂β of Σ y⊙x is Σ x over the channel
    }
}
