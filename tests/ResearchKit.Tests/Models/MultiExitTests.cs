using ResearchKit.Autograd;
using ResearchKit.Losses;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Models;

public sealed class MultiExitTests
{
    private static Module SrNetOf(ulong seed) => new SrNet(new SrNetConfig(3, 11, [32, 64, 96, 128], 32), new Rng(seed));

    private static Module UNetOf(ulong seed) => new UNet(new UNetConfig(3, 11, [8, 16, 32], 32), new Rng(seed));

    private static Module DeepLabOf(ulong seed) =>
        new DeepLabV3Plus(new DeepLabV3PlusConfig(3, 11, [8, 8, 16, 16, 32], 16, [6, 12, 18], 16, 48, 128, 4), new Rng(seed));

    public static TheoryData<string, string[]> Networks => new()
    {
        { "srnet", ["block1", "block2", "block3", "block4"] },
        { "unet", ["enc1", "enc2", "bottleneck", "dec1"] },
        { "deeplabv3plus", ["stage1", "stage2", "stage4", "decoder"] },
    };

    private static Module Build(string name, ulong seed) => name switch
    {
        "srnet" => SrNetOf(seed),
        "unet" => UNetOf(seed),
        _ => DeepLabOf(seed),
    };

    private static Tensor Images(int n, int h, int w)
    {
        var rng = new Random(7);
        var x = Tensor.Zeros(n, 3, h, w);
        for (var i = 0; i < x.Count; i++) x.Data[i] = (float)(rng.NextDouble() - 0.5);
        return x;
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void Exits_HaveTheSpecifiedShapes(string name, string[] blocks)
    {
        var rng = new Rng(1);
        var wrapped = new MultiExit(Build(name, 1), blocks, 32, rng);
        var o = wrapped.ForwardExits(Images(2, 64, 96));
        Assert.Equal(4, wrapped.Exits);
        Assert.All(o.Logits, s => Assert.Equal([2, 11, 64, 96], s.Shape));
        Assert.All(o.Presence, q => Assert.Equal([2, 11], q.Shape));
        Assert.All(o.Presence, q => Assert.All(q.Data, v => Assert.InRange(v, 0f, 1f)));
        Assert.Equal(3, o.Projected.Length);
        Assert.All(o.Projected, p => Assert.Equal(o.Features[0].Shape, p.Shape));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void InferenceOutput_IsIdenticalWithAndWithoutTheWrapper_AndTestTimeCostIsTheBaselines(string name, string[] blocks)
    {
        var baseline = Build(name, 4);
        var wrapped = new MultiExit(Build(name, 4), blocks, 32, new Rng(4));
        baseline.Eval();
        wrapped.Eval();
        var x = Images(1, 64, 96);
        using (GradMode.Disable())
        {
            var a = ((ISegmentationModel)baseline).Forward(x);
            Assert.Equal(a.Data, wrapped.Forward(x).Data);
            Assert.Equal(a.Data, wrapped.Main.Forward(x).Data);
        }
        Assert.Equal(baseline.ParameterCount(), wrapped.Main.ParameterCount());
        Assert.True(wrapped.ParameterCount() > baseline.ParameterCount());
        Assert.Equal(LayerCost.PerLayer(baseline, 1, 64, 96).Sum(l => l.Macs), LayerCost.PerLayer(wrapped.Main, 1, 64, 96).Sum(l => l.Macs));
    }

    [Fact]
    public void TheMainExit_OfATrainingForward_IsTheWrappedNetworksOutput()
    {
        var wrapped = new MultiExit(SrNetOf(2), ["block1", "block2", "block3", "block4"], 32, new Rng(2));
        var x = Images(2, 64, 96);
        var o = wrapped.ForwardExits(x);
        wrapped.Eval();
        using (GradMode.Disable()) Assert.Equal([2, 11, 64, 96], wrapped.Forward(x).Shape);
        Assert.Equal(o.Logits[^1].Shape, wrapped.Forward(x).Shape);
    }

    [Fact]
    public void Projections_GetGradientOnlyFromTheFeatureTerm()
    {
        var wrapped = new MultiExit(SrNetOf(3), ["block1", "block2", "block3", "block4"], 32, new Rng(3));
        var labels = Enumerable.Range(0, 2 * 32 * 48).Select(i => i % 12).ToArray();
        var projections = wrapped.NamedParameters().Where(p => p.Name.StartsWith("project")).Select(p => p.Value).ToArray();
        Assert.Equal(6, projections.Length); // weight and bias of P_2, P_3, P_4
        SelfRegulationLoss.Compute(wrapped.ForwardExits(Images(2, 32, 48)), labels, 11, SelfRegulationOptions.LogitOnly, true).Total.Backward();
        Assert.All(projections, p => Assert.True(p.Grad is null || p.Grad.Data.All(v => v == 0)));
        wrapped.ZeroGrad();
        SelfRegulationLoss.Compute(wrapped.ForwardExits(Images(2, 32, 48)), labels, 11, SelfRegulationOptions.FeatureOnly, true).Total.Backward();
        Assert.All(projections, p => Assert.Contains(p.Grad!.Data, v => v != 0));
    }

    [Fact]
    public void AnUnknownBlock_IsNamedWithTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => new MultiExit(SrNetOf(0), ["block1", "block9"], 32, new Rng(0)));
        Assert.Contains("no feature 'block9'", e.Message);
        Assert.Contains("block4", e.Message);
    }
}
