using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

public sealed class FBceTests
{
    [Fact]
    public void BinaryCrossEntropy_MatchesTheSelfRegulationSpecExample_AndADetachedTargetGetsNoGradient()
    {
        // self-regulation spec §4.3: student q = [0.8, 0.3], teacher q_N = [0.9, 0.1].
        var q = new Tensor([0.8f, 0.3f], 1, 2) { RequiresGrad = true };
        var t = new Tensor([0.9f, 0.1f], 1, 2);
        var loss = F.BinaryCrossEntropy(q, t);
        Assert.Equal(0.4015888587018258, loss.Item(), 6);
        loss.Backward();
        // (q − t)/(q(1 − q))/2: [−0.1/0.16, 0.2/0.21]/2.
        Assert.Equal(-0.3125f, q.Grad!.Data[0], 5);
        Assert.Equal(0.47619048f, q.Grad.Data[1], 5);
        Assert.Null(t.Grad);
    }

    [Fact]
    public void BinaryCrossEntropy_ClampsLogsAtMinus100_AndRefusesNonProbabilities()
    {
        // q = 0 with t = 1: −log 0 clamps to 100, as PyTorch's BCELoss.
        Assert.Equal(50f, F.BinaryCrossEntropy(new Tensor([0f, 1f], 2), new Tensor([1f, 1f], 2)).Item(), 4);
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => F.BinaryCrossEntropy(new Tensor([1.5f], 1), new Tensor([1f], 1)));
        Assert.Contains("not a probability", e.Message);
    }

    [Fact]
    public void Sigmoid_AndBinaryCrossEntropy_PassFiniteDifferenceChecks()
    {
        var rng = new Random(5);
        Assert.Equal(0.5f, F.Sigmoid(new Tensor([0f], 1)).Data[0]);
        GradCheck.Assert(x => F.BinaryCrossEntropy(F.Sigmoid(x[0]), F.Sigmoid(x[1])), [GradCheck.Random(rng, 2, 5), GradCheck.Random(rng, 2, 5)]);
    }
}
