using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class Conv2dTests
{
    [Theory]
    [InlineData(3, 16, 3, 1)]   // fan_in 27
    [InlineData(32, 64, 3, 1)]  // fan_in 288
    [InlineData(16, 12, 1, 1)]  // the U-Net head: fan_in 16
    [InlineData(8, 8, 3, 8)]    // depthwise: fan_in 9
    public void DefaultInit_IsPyTorchsUniformWithinOneOverSqrtFanIn(int inChannels, int outChannels, int kernel, int groups)
    {
        var conv = new Conv2d(inChannels, outChannels, kernel, new Rng(1), groups: groups);
        Assert.Equal([outChannels, inChannels / groups, kernel, kernel], conv.Weight.Shape);
        Assert.Equal([outChannels], conv.Bias!.Shape);
        var bound = 1 / Math.Sqrt(inChannels / groups * kernel * kernel);
        Assert.All(conv.Weight.Data, v => Assert.InRange(Math.Abs(v), 0, bound * (1 + 1e-7)));
        Assert.All(conv.Bias.Data, v => Assert.InRange(Math.Abs(v), 0, bound * (1 + 1e-7)));
        if (conv.Weight.Count >= 1000)
        {
            var variance = conv.Weight.Data.Average(v => (double)v * v);
            Assert.Equal(bound * bound / 3, variance, bound * bound / 3 * 0.1); // U(−b, b) has variance b²/3
        }
    }

    [Fact]
    public void SameSeed_SameWeights_AndWeightIsDrawnBeforeBias()
    {
        var a = new Conv2d(4, 6, 3, new Rng(5));
        var b = new Conv2d(4, 6, 3, new Rng(5));
        Assert.Equal(a.Weight.Data, b.Weight.Data);
        Assert.Equal(a.Bias!.Data, b.Bias!.Data);
        var noBias = new Conv2d(4, 6, 3, new Rng(5), bias: false);
        Assert.Equal(a.Weight.Data, noBias.Weight.Data);
        Assert.Null(noBias.Bias);
        Assert.Equal(["weight"], noBias.NamedParameters().Select(p => p.Name));
    }

    [Fact]
    public void Forward_GivesTorchsOutputShape_AndHandComputedOneByOneConvolution()
    {
        var conv = new Conv2d(3, 5, 3, new Rng(1), stride: 2, padding: 2, dilation: 2);
        Assert.Equal([2, 5, 4, 5], conv.Forward(Tensor.Zeros(2, 3, 7, 9)).Shape); // ⌊(7 + 4 − 4 − 1)/2⌋ + 1 = 4
        var pointwise = new Conv2d(2, 1, 1, new Rng(1));
        pointwise.Weight.Data[0] = 2; pointwise.Weight.Data[1] = -1; pointwise.Bias!.Data[0] = 0.5f;
        var y = pointwise.Forward(new Tensor([1, 2, 3, 4, 10, 20, 30, 40], 1, 2, 2, 2));
        Assert.Equal([-7.5f, -15.5f, -23.5f, -31.5f], y.Data); // 2·x₀ − x₁ + 0.5
    }

    [Fact]
    public void BadSizes_AreRefused()
    {
        Assert.Contains("groups must divide", Assert.Throws<ArgumentException>(() => new Conv2d(3, 6, 3, new Rng(1), groups: 2)).Message);
        Assert.Contains("must be positive", Assert.Throws<ArgumentException>(() => new Conv2d(3, 6, 0, new Rng(1))).Message);
    }
}
