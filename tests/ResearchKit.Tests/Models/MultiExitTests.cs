using ResearchKit.Losses;
using ResearchKit.Models;
using ResearchKit.Tests.Support;
using ResearchKit.Training;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Models;

public sealed class MultiExitTests
{
    public static TheoryData<string, string[]> Networks => new()
    {
        { "srnet", ["block1", "block2", "block3", "block4"] },
        { "unet", ["enc1", "enc2", "bottleneck", "dec1"] },
        { "deeplabv3plus", ["stage1", "stage2", "stage4", "decoder"] },
    };

    private static nn.Module<Tensor, Tensor> Build(string name, long seed)
    {
        TestTensors.Seed(seed);
        return name switch
        {
            "srnet" => new SrNet(new SrNetConfig { NumClasses = 11 }),
            "unet" => new UNet(new UNetConfig { NumClasses = 11, Widths = [8, 16, 32], Bottleneck = 32 }),
            _ => new DeepLabV3Plus(new DeepLabV3PlusConfig { NumClasses = 11, Widths = [8, 8, 16, 16, 32], AsppChannels = 16 }),
        };
    }

    private static MultiExit Wrapped(string name, string[] blocks, long seed) => new(Build(name, seed), blocks, 32);

    private static Tensor Images(int n, int h, int w) => TestTensors.Uniform(7, [n, 3, h, w], -0.5, 0.5);

    [Theory]
    [MemberData(nameof(Networks))]
    public void Exits_HaveTheSpecifiedShapes(string name, string[] blocks)
    {
        var wrapped = Wrapped(name, blocks, 1);
        var o = wrapped.ForwardExits(Images(2, 64, 96));
        Assert.Equal(4, wrapped.Exits);
        Assert.All(o.Logits, s => Assert.Equal([2L, 11, 64, 96], s.shape));
        Assert.All(o.Presence, q => Assert.Equal([2L, 11], q.shape));
        Assert.All(o.Presence, q => Assert.All(Golden.Values(q), v => Assert.InRange(v, 0f, 1f)));
        Assert.Equal(3, o.Projected.Length);
        Assert.All(o.Projected, p => Assert.Equal(o.Features[0].shape, p.shape));
    }

    [Theory]
    [MemberData(nameof(Networks))]
    public void InferenceOutput_IsIdenticalWithAndWithoutTheWrapper_AndTestTimeCostIsTheBaselines(string name, string[] blocks)
    {
        var baseline = Build(name, 4);
        var wrapped = Wrapped(name, blocks, 4);
        baseline.eval();
        wrapped.eval();
        var x = Images(1, 64, 96);
        using (no_grad())
        {
            var a = Golden.Values(baseline.forward(x));
            Assert.Equal(a, Golden.Values(wrapped.forward(x)));
            Assert.Equal(a, Golden.Values(wrapped.Main.forward(x)));
        }
        Assert.Equal(Trainer.ParameterCount(baseline), Trainer.ParameterCount(wrapped.Main));
        Assert.True(Trainer.ParameterCount(wrapped) > Trainer.ParameterCount(baseline));
        Assert.Equal(LayerCost.PerLayer(baseline, 1, 64, 96).Sum(l => l.Macs), LayerCost.PerLayer(wrapped, 1, 64, 96).Sum(l => l.Macs));
        // Hook-counted parameters of what really runs: the evaluated forward uses the main path's parameters only,
        // the training forward every exit's too.
        Action<nn.Module<Tensor, Tensor>> infer = m => m.call(Images(1, 64, 96));
        Assert.Equal(Trainer.ParameterCount(baseline), LayerCost.ParametersRun(wrapped, infer));
        Assert.Equal(Trainer.ParameterCount(wrapped), LayerCost.ParametersRun(wrapped, m => ((MultiExit)m).ForwardExits(Images(1, 64, 96))));
    }

    [Fact]
    public void Projections_GetGradientOnlyFromTheFeatureTerm()
    {
        var wrapped = Wrapped("srnet", ["block1", "block2", "block3", "block4"], 3);
        var labels = TestTensors.CyclicLabels(2, 32, 48, 12);
        var projections = wrapped.named_parameters().Where(p => p.name.StartsWith("project")).Select(p => p.parameter).ToArray();
        Assert.Equal(6, projections.Length); // weight and bias of P_2, P_3, P_4
        SelfRegulationLoss.Compute(wrapped.ForwardExits(Images(2, 32, 48)), labels, 11, SelfRegulationOptions.LogitOnly, true).Total.backward();
        Assert.All(projections, p => Assert.True(p.grad is null || p.grad.abs().max().item<float>() == 0));
        wrapped.zero_grad();
        SelfRegulationLoss.Compute(wrapped.ForwardExits(Images(2, 32, 48)), labels, 11, SelfRegulationOptions.FeatureOnly, true).Total.backward();
        Assert.All(projections, p => Assert.True(p.grad!.abs().max().item<float>() > 0));
    }

    [Fact]
    public void AnUnknownBlock_IsNamedWithTheValidOnes()
    {
        var e = Assert.Throws<ArgumentException>(() => new MultiExit(Build("srnet", 0), ["block1", "block9"], 32));
        Assert.Contains("no feature 'block9'", e.Message);
        Assert.Contains("block4", e.Message);
    }
}
