using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

public sealed class FTests
{
    private static Tensor T(float[] data, params int[] shape) => new(data, shape);

    [Fact]
    public void AddMulSumMean_HandComputedValuesAndGradients()
    {
        var a = T([1, 2, 3, 4], 2, 2);
        var b = T([5, -1, 0.5f, 2], 2, 2);
        a.RequiresGrad = b.RequiresGrad = true;
        var loss = F.Mean(F.Mul(F.Add(a, b), b)); // mean((a+b)⊙b) = (30 + -1 + 1.75 + 12)/4
        Assert.Equal(42.75f / 4, loss.Item(), 5);
        loss.Backward();
        Assert.Equal([1.25f, -0.25f, 0.125f, 0.5f], a.Grad!.Data);               // b/4
        Assert.Equal([2.75f, 0.0f, 1.0f, 2.0f], b.Grad!.Data);                    // (a+2b)/4
    }

    [Fact]
    public void ElementwiseOps_PassFiniteDifferenceChecks()
    {
        var rng = new Random(1);
        GradCheck.Assert(x => F.Mul(F.Add(x[0], x[1]), x[0]), [GradCheck.Random(rng, 3, 4), GradCheck.Random(rng, 3, 4)]);
        GradCheck.Assert(x => F.Scale(F.Reshape(x[0], 4, 3), -2.5f), [GradCheck.Random(rng, 3, 4)]);
        GradCheck.Assert(x => F.Mean(x[0]), [GradCheck.Random(rng, 2, 3)]);
    }

    [Fact]
    public void InputUsedTwice_AccumulatesBothPaths_AndLeafGradsAddAcrossBackwards()
    {
        var a = T([3], 1);
        a.RequiresGrad = true;
        F.Sum(F.Mul(a, a)).Backward(); // d(a²)/da = 2a
        Assert.Equal(6f, a.Grad!.Data[0]);
        F.Sum(F.Add(a, a)).Backward(); // + 2, accumulated like PyTorch until the grad is cleared
        Assert.Equal(8f, a.Grad!.Data[0]);
    }

    [Fact]
    public void GradModeDisabled_RecordsNothing()
    {
        var a = T([1, 2], 2);
        a.RequiresGrad = true;
        using (GradMode.Disable())
        {
            var y = F.Scale(a, 2);
            Assert.False(y.RequiresGrad);
            Assert.True(y.IsLeaf);
        }
        Assert.True(F.Scale(a, 2).RequiresGrad);
    }

    [Fact]
    public void ShapeMismatch_NamesTheOpAndBothShapes()
    {
        var e = Assert.Throws<ArgumentException>(() => F.Add(Tensor.Zeros(2, 3), Tensor.Zeros(3, 2)));
        Assert.Equal("add: shapes [2,3] and [3,2] differ", e.Message);
        Assert.Equal("reshape: cannot view [2,3] as [4,2]", Assert.Throws<ArgumentException>(() => F.Reshape(Tensor.Zeros(2, 3), 4, 2)).Message);
    }

    [Fact]
    public void AnomalyMode_NamesTheFirstOpThatProducesNaN()
    {
        var a = T([float.MaxValue, 1], 2);
        Anomaly.Enabled = true;
        try
        {
            var e = Assert.Throws<ArithmeticException>(() => F.Scale(F.Mul(a, a), 0));
            Assert.StartsWith("anomaly: mul produced Inf in its output [2] at flat index 0", e.Message);
        }
        finally
        {
            Anomaly.Enabled = false;
        }
    }
}
