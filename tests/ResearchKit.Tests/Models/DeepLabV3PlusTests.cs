using ResearchKit.Autograd;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Models;

public sealed class DeepLabV3PlusTests
{
    private static DeepLabV3PlusConfig Tiny(int outputStride = 16, int decoderStride = 4) =>
        new(3, 11, [4, 4, 8, 8, 16], outputStride, [1, 2, 3], 8, 4, 8, decoderStride);

    private static Tensor Input(int n, int h, int w)
    {
        var x = Tensor.Zeros(n, 3, h, w);
        new Rng(1).FillUniform(x.Data, -1, 1);
        return x;
    }

    [Theory]
    [InlineData(16, 4, 16, 4)]
    [InlineData(8, 4, 8, 4)]
    [InlineData(16, 8, 16, 8)]
    [InlineData(16, 16, 16, 16)]
    public void FeaturesAndLogits_HaveTheStridesOfTheConfig(int os, int ds, int stage4Stride, int decoderStride)
    {
        var model = new DeepLabV3Plus(Tiny(os, ds), new Rng(0));
        var logits = model.Forward(Input(2, 32, 48));
        Assert.Equal([2, 11, 32, 48], logits.Shape);
        Assert.Equal([2, 4, 16, 24], model.Features["stem"].Shape);
        Assert.Equal([2, 4, 8, 12], model.Features["stage1"].Shape);
        Assert.Equal([2, 8, 4, 6], model.Features["stage2"].Shape);
        Assert.Equal([2, 16, 32 / stage4Stride, 48 / stage4Stride], model.Features["stage4"].Shape);
        Assert.Equal([2, 8, 32 / stage4Stride, 48 / stage4Stride], model.Features["aspp"].Shape);
        Assert.Equal([2, 8, 32 / decoderStride, 48 / decoderStride], model.Features["decoder"].Shape);
        Assert.Equal([2, 11, 32 / decoderStride, 48 / decoderStride], model.Features["logits"].Shape);
    }

    [Fact]
    public void EvalWithoutGradients_EqualsEvalWithThem_FusedConvBnMatchesTheLayers()
    {
        var model = new DeepLabV3Plus(Tiny(), new Rng(0));
        var x = Input(2, 32, 32);
        model.Train();
        model.Forward(x); // one training step's statistics, so BN's running values are not the defaults
        model.Eval();
        var layered = model.Forward(x);
        Tensor fused;
        using (GradMode.Disable()) fused = model.Forward(x);
        for (var i = 0; i < fused.Count; i++) Assert.True(Math.Abs(fused.Data[i] - layered.Data[i]) <= 1e-4f * Math.Max(1, Math.Abs(layered.Data[i])), $"{i}");
    }

    [Fact]
    public void EveryParameter_GetsAGradient()
    {
        var model = new DeepLabV3Plus(Tiny(), new Rng(0));
        var labels = Enumerable.Range(0, 2 * 32 * 32).Select(p => p % 11).ToArray();
        F.CrossEntropy(model.Forward(Input(2, 32, 32)), labels).Backward();
        foreach (var (name, p) in model.NamedParameters())
            Assert.True(p.Grad is not null && p.Grad.Data.Any(v => v != 0f), name);
    }

    [Fact]
    public void LayerCosts_CountEachConvByHand()
    {
        var model = new DeepLabV3Plus(Tiny(), new Rng(0));
        var costs = LayerCost.PerLayer(model, 2, 32, 48);
        var stem1 = costs.Single(c => c.Layer == "backbone.stem1.conv");
        Assert.Equal(2L * 4 * 16 * 24 * 3 * 9, stem1.Macs); // N·K·OH·OW·Cin·k²
        Assert.Equal(4 * 3 * 9, stem1.Parameters);
        var head = costs.Single(c => c.Layer == "head");
        Assert.Equal(2L * 11 * 8 * 12 * 8, head.Macs); // 1x1, 8 -> 11 at stride 4
        Assert.Equal(11 * 8 + 11, head.Parameters);
        Assert.All(costs, c => Assert.True(c.Macs > 0, c.Layer));
        Assert.Equal(model.Parameters().Where(p => p.Rank == 4).Sum(p => (long)p.Count) + 11, costs.Sum(c => c.Parameters)); // all conv weights + head bias
    }

    [Fact]
    public void AnInputNotAMultipleOfTheOutputStride_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => new DeepLabV3Plus(Tiny(), new Rng(0)).Forward(Input(1, 30, 32)));
        Assert.StartsWith("deeplabv3plus: input must be [N,3,H,W] with H and W multiples of 16", e.Message);
    }
}
