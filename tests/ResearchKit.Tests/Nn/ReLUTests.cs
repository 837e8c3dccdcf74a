using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Nn;

public sealed class ReLUTests
{
    [Fact]
    public void Forward_ZeroesNegatives_AndHasNoParameters()
    {
        var relu = new ReLU();
        Assert.Equal([0f, 0, 0.5f, 3], relu.Forward(new Tensor([-2, 0, 0.5f, 3], 1, 1, 2, 2)).Data);
        Assert.Empty(relu.StateDict());
    }
}
