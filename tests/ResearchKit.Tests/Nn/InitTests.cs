using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class InitTests
{
    [Fact]
    public void Fans_AreTorchsFanInAndFanOut()
    {
        Assert.Equal((27, 144), Init.Fans([16, 3, 3, 3]));   // conv [Cout,Cin,kH,kW]: Cin·9, Cout·9
        Assert.Equal((5, 4), Init.Fans([4, 5]));             // linear [out,in]
        Assert.Equal((8, 4), Init.Fans([2, 4, 2, 1]));       // grouped conv: the weight's size(1) = Cin/groups
        Assert.Contains("at least 2 dimensions", Assert.Throws<ArgumentException>(() => Init.Fans([7])).Message);
    }

    [Theory]
    [InlineData(new[] { 16, 3, 3, 3 })]
    [InlineData(new[] { 64, 32, 3, 3 })]
    [InlineData(new[] { 12, 16, 1, 1 })]
    public void KaimingUniformWithASqrt5_HasBoundOneOverSqrtFanIn_AndValuesInside(int[] shape)
    {
        var w = Tensor.Zeros(shape);
        var bound = Init.KaimingUniform(w, new Rng(1), a: Math.Sqrt(5));
        var expected = 1 / Math.Sqrt(Init.Fans(shape).FanIn);
        Assert.Equal(expected, bound, expected * 1e-7);
        Assert.All(w.Data, v => Assert.InRange(v, -bound, bound));
        Assert.True(w.Data.Max() > 0.9 * bound && w.Data.Min() < -0.9 * bound, "draws should fill the interval");
        Assert.Equal((float)expected, Init.BiasBound(shape), 6);
    }

    [Fact]
    public void KaimingUniformForRelu_HasVarianceTwoOverFanIn()
    {
        var w = Tensor.Zeros(256, 64, 3, 3); // fan_in 576
        var bound = Init.KaimingUniform(w, new Rng(2));
        Assert.Equal(Math.Sqrt(6.0 / 576), bound, 1e-7);
        var variance = w.Data.Average(v => (double)v * v);
        Assert.Equal(2.0 / 576, variance, 2.0 / 576 * 0.02);
    }

    [Fact]
    public void KaimingNormalFanOut_HasStdGainOverSqrtFanOut()
    {
        var w = Tensor.Zeros(128, 64, 3, 3); // fan_out 1152
        var std = Init.KaimingNormal(w, new Rng(3), fanOut: true);
        Assert.Equal(Math.Sqrt(2.0 / 1152), std, 1e-7);
        var measured = Math.Sqrt(w.Data.Average(v => (double)v * v));
        Assert.Equal(std, measured, std * 0.02);
    }

    [Fact]
    public void SameSeed_GivesIdenticalWeights()
    {
        var (a, b, c) = (Tensor.Zeros(8, 4, 3, 3), Tensor.Zeros(8, 4, 3, 3), Tensor.Zeros(8, 4, 3, 3));
        Init.KaimingUniform(a, new Rng(11), Math.Sqrt(5));
        Init.KaimingUniform(b, new Rng(11), Math.Sqrt(5));
        Init.KaimingUniform(c, new Rng(12), Math.Sqrt(5));
        Assert.Equal(a.Data, b.Data);
        Assert.NotEqual(a.Data, c.Data);
    }

    [Fact]
    public void Constant_FillsEveryValue()
    {
        var t = Tensor.Zeros(3, 2);
        Init.Constant(t, 0.25f);
        Assert.All(t.Data, v => Assert.Equal(0.25f, v));
    }
}
