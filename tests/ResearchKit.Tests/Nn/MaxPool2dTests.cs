using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class MaxPool2dTests
{
    [Fact]
    public void TwoByTwo_TakesEachWindowsMaximum_StrideDefaultingToTheKernel()
    {
        var pool = new MaxPool2d(2);
        Assert.Equal(2, pool.Stride);
        var x = new Tensor([1, 5, 2, 0, 3, 4, 8, 7, -1, -2, -3, -4, -5, -6, -7, -8], 1, 1, 4, 4);
        var y = pool.Forward(x);
        Assert.Equal([1, 1, 2, 2], y.Shape);
        Assert.Equal([5f, 8, -1, -3], y.Data);
        Assert.Equal([2, 3, 3, 3], new MaxPool2d(3, stride: 2, padding: 1).Forward(Tensor.Zeros(2, 3, 6, 5)).Shape);
    }
}
