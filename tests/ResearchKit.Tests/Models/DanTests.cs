using ResearchKit.Autograd;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Models;

public sealed class DanTests
{
    private static Tensor Input(int n, int h, int w)
    {
        var x = Tensor.Zeros(n, 3, h, w);
        new Rng(2).FillUniform(x.Data, -1, 1);
        return x;
    }

    [Fact]
    public void StagesAreAggregatedAtStride4_AndLogitsComeBackAtTheInputSize()
    {
        var model = new Dan(new DanConfig(3, 11, [4, 4, 8, 8, 16], 6, 10), new Rng(0));
        var logits = model.Forward(Input(2, 32, 48));
        Assert.Equal([2, 11, 32, 48], logits.Shape);
        Assert.Equal([2, 4, 8, 12], model.Features["stage1"].Shape);
        Assert.Equal([2, 16, 2, 3], model.Features["stage4"].Shape);
        Assert.Equal([2, 24, 8, 12], model.Features["aggregated"].Shape); // 4 stages x 6 channels
        Assert.Equal([2, 10, 8, 12], model.Features["fused"].Shape);
        Assert.Equal([2, 11, 8, 12], model.Features["logits"].Shape);
    }

    [Fact]
    public void EveryParameter_GetsAGradient()
    {
        var model = new Dan(new DanConfig(3, 11, [4, 4, 8, 8, 16], 6, 10), new Rng(0));
        var labels = Enumerable.Range(0, 2 * 32 * 32).Select(p => p % 11).ToArray();
        F.CrossEntropy(model.Forward(Input(2, 32, 32)), labels).Backward();
        foreach (var (name, p) in model.NamedParameters())
            Assert.True(p.Grad is not null && p.Grad.Data.Any(v => v != 0f), name);
    }

    [Fact]
    public void LayerCosts_CountTheProjectionsByHand()
    {
        var model = new Dan(new DanConfig(3, 11, [4, 4, 8, 8, 16], 6, 10), new Rng(0));
        var costs = LayerCost.PerLayer(model, 1, 32, 48);
        Assert.Equal(1L * 6 * 2 * 3 * 16, costs.Single(c => c.Layer == "project4.conv").Macs); // 1x1, 16 -> 6 at stride 16
        Assert.Equal(1L * 10 * 8 * 12 * 24 * 9, costs.Single(c => c.Layer == "fuse.conv").Macs);
    }
}
