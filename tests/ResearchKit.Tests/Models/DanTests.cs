using ResearchKit.Models;
using ResearchKit.Tests.Support;
using static TorchSharp.torch;
using L = ResearchKit.Losses.SegmentationLosses;

namespace ResearchKit.Tests.Models;

public sealed class DanTests
{
    private static Dan Tiny()
    {
        TestTensors.Seed(0);
        return new Dan(new DanConfig { NumClasses = 11, Widths = [4, 4, 8, 8, 16], ProjectChannels = 6, FuseChannels = 10 });
    }

    private static Tensor Input(int n, int h, int w) => TestTensors.Uniform(2, [n, 3, h, w]);

    [Fact]
    public void StagesAreAggregatedAtStride4_AndLogitsComeBackAtTheInputSize()
    {
        var model = Tiny();
        var logits = model.forward(Input(2, 32, 48));
        Assert.Equal([2L, 11, 32, 48], logits.shape);
        Assert.Equal([2L, 4, 8, 12], model.Features["stage1"].shape);
        Assert.Equal([2L, 16, 2, 3], model.Features["stage4"].shape);
        Assert.Equal([2L, 24, 8, 12], model.Features["aggregated"].shape); // 4 stages x 6 channels
        Assert.Equal([2L, 10, 8, 12], model.Features["fused"].shape);
        Assert.Equal([2L, 11, 8, 12], model.Features["logits"].shape);
    }

    [Fact]
    public void EveryParameter_GetsAGradient()
    {
        var model = Tiny();
        L.CrossEntropy(model.forward(Input(2, 32, 32)), TestTensors.CyclicLabels(2, 32, 32, 11)).backward();
        foreach (var (name, p) in model.named_parameters())
            Assert.True(p.grad is { } g && g.abs().max().item<float>() > 0, name);
    }

    [Fact]
    public void LayerCosts_CountTheProjectionsByHand()
    {
        var costs = LayerCost.PerLayer(Tiny(), 1, 32, 48);
        Assert.Equal(1L * 6 * 2 * 3 * 16, costs.Single(c => c.Layer == "project4.conv").Macs); // 1x1, 16 -> 6 at stride 16
        Assert.Equal(1L * 10 * 8 * 12 * 24 * 9, costs.Single(c => c.Layer == "fuse.conv").Macs);
    }
}
