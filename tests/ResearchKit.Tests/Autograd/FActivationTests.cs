using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

public sealed class FActivationTests
{
    [Fact]
    public void Relu_ClampsNegatives_AndPassesGradientOnlyWherePositive()
    {
        var x = new Tensor([-1, 0, 2, -0.5f, 3], 5);
        x.RequiresGrad = true;
        var y = F.Relu(x);
        Assert.Equal([0f, 0, 2, 0, 3], y.Data);
        F.Sum(y).Backward();
        Assert.Equal([0f, 0, 1, 0, 1], x.Grad!.Data);
    }

    [Fact]
    public void Relu_OnAChunkedLargeTensor_MatchesTheScalarRule()
    {
        var x = GradCheck.Random(new Random(2), 3, 70000);
        x.RequiresGrad = true;
        var y = F.Relu(x);
        var g = GradCheck.Random(new Random(4), 3, 70000);
        F.Sum(F.Mul(y, g)).Backward();
        for (var i = 0; i < x.Count; i++)
        {
            Assert.Equal(Math.Max(x.Data[i], 0f), y.Data[i]);
            Assert.Equal(x.Data[i] > 0 ? g.Data[i] : 0f, x.Grad!.Data[i]);
        }
    }

    [Fact]
    public void Dropout_ZeroesWhereTheDrawIsAtLeastOneMinusP_AndScalesTheRest()
    {
        var draws = new Queue<double>([0.1, 0.7, 0.4, 0.9]);
        var x = new Tensor([1, 2, 3, 4], 4);
        x.RequiresGrad = true;
        var y = F.Dropout(x, 0.5, training: true, draws.Dequeue);
        Assert.Equal([2f, 0, 6, 0], y.Data);
        F.Sum(y).Backward();
        Assert.Equal([2f, 0, 2, 0], x.Grad!.Data);
        Assert.Same(x, F.Dropout(x, 0.5, training: false, new Random(0)));
        Assert.Equal([0f, 0, 0, 0], F.Dropout(x, 1.0, training: true, new Random(0)).Data);
        Assert.Throws<ArgumentOutOfRangeException>(() => F.Dropout(x, 1.5, true, new Random(0)));
    }

    [Fact]
    public void Dropout_WithTheSameSeed_GivesTheSameMask_AndKeepsAboutOneMinusP()
    {
        var x = Tensor.Full(1f, 10000);
        var a = F.Dropout(x, 0.3, true, new Random(7));
        Assert.Equal(a.Data, F.Dropout(x, 0.3, true, new Random(7)).Data);
        var kept = a.Data.Count(v => v != 0);
        Assert.InRange(kept, 6800, 7200);
        Assert.All(a.Data, v => Assert.True(v == 0 || Math.Abs(v - 1 / 0.7f) < 1e-6));
    }

    [Fact]
    public void Softmax_AndLogSoftmax_HandComputed_AndStableForLargeLogits()
    {
        var x = new Tensor([0, MathF.Log(3), 1000, 1000 + MathF.Log(3)], 2, 2);
        var p = F.Softmax(x, 1);
        float[] expected = [0.25f, 0.75f, 0.25f, 0.75f];
        for (var i = 0; i < 4; i++) Assert.Equal(expected[i], p.Data[i], 1e-4);
        var lp = F.LogSoftmax(x, -1);
        Assert.Equal(Math.Log(0.25), lp.Data[2], 1e-4);
        Assert.Equal(Math.Log(0.75), lp.Data[3], 1e-4);
        Assert.Equal("softmax: dim 2 is out of range for shape [2,2]", Assert.Throws<ArgumentException>(() => F.Softmax(x, 2)).Message);
    }

    [Fact]
    public void Activations_PassFiniteDifferenceChecks()
    {
        var rng = new Random(11);
        var x = GradCheck.Random(rng, 2, 3, 4);
        for (var i = 0; i < x.Count; i++) if (Math.Abs(x.Data[i]) < 0.05f) x.Data[i] = 0.5f; // away from the kink
        GradCheck.Assert(t => F.Relu(t[0]), [x]);
        GradCheck.Assert(t => F.Softmax(t[0], 1), [GradCheck.Random(rng, 2, 4, 3, 3)]);
        GradCheck.Assert(t => F.LogSoftmax(t[0], 1), [GradCheck.Random(rng, 2, 4, 3, 3)]);
        GradCheck.Assert(t => F.Softmax(t[0], -1), [GradCheck.Random(rng, 3, 5)]);
        GradCheck.Assert(t => F.LogSoftmax(t[0], 0), [GradCheck.Random(rng, 3, 5)]);
        GradCheck.Assert(t => F.Dropout(t[0], 0.4, true, new Random(1)), [GradCheck.Random(rng, 4, 5)]);
    }
}
