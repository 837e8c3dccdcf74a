using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class ConvTranspose2dTests
{
    [Fact]
    public void DefaultInit_UsesTheWeightsSecondDimensionAsFanIn_AsPyTorchDoes()
    {
        var up = new ConvTranspose2d(32, 16, 2, new Rng(1), stride: 2);
        Assert.Equal([32, 16, 2, 2], up.Weight.Shape);
        var bound = 1 / Math.Sqrt(16 * 2 * 2); // fan_in = size(1)·k² = out·k², not in·k²
        Assert.All(up.Weight.Data, v => Assert.InRange(Math.Abs(v), 0, bound * (1 + 1e-7)));
        Assert.True(up.Weight.Data.Max(Math.Abs) > 0.9 * bound);
        Assert.All(up.Bias!.Data, v => Assert.InRange(Math.Abs(v), 0, bound * (1 + 1e-7)));
    }

    [Fact]
    public void Forward_GivesTorchsOutputShape_AndStrideTwoKernelTwoTilesTheInput()
    {
        var up = new ConvTranspose2d(4, 3, 3, new Rng(1), stride: 2, padding: 1, outputPadding: 1);
        Assert.Equal([1, 3, 10, 12], up.Forward(Tensor.Zeros(1, 4, 5, 6)).Shape); // (5−1)·2 − 2 + 3 + 1 = 10
        var tile = new ConvTranspose2d(1, 1, 2, new Rng(1), stride: 2, bias: false);
        Array.Copy(new float[] { 1, 2, 3, 4 }, tile.Weight.Data, 4);
        var y = tile.Forward(new Tensor([1, 10], 1, 1, 1, 2));
        Assert.Equal([1f, 2, 10, 20, 3, 4, 30, 40], y.Data); // each input value scales a copy of the kernel
    }
}
