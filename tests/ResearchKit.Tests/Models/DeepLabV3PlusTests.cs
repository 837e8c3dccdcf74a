using ResearchKit.Models;
using ResearchKit.Tests.Support;
using static TorchSharp.torch;
using L = ResearchKit.Losses.SegmentationLosses;

namespace ResearchKit.Tests.Models;

public sealed class DeepLabV3PlusTests
{
    private static DeepLabV3Plus Tiny(int outputStride = 16, int decoderStride = 4)
    {
        TestTensors.Seed(0);
        return new DeepLabV3Plus(new DeepLabV3PlusConfig
        {
            NumClasses = 11, Widths = [4, 4, 8, 8, 16], OutputStride = outputStride, AsppRates = [1, 2, 3], AsppChannels = 8,
            LowLevelChannels = 4, DecoderChannels = 8, DecoderStride = decoderStride,
        });
    }

    private static Tensor Input(int n, int h, int w) => TestTensors.Uniform(1, [n, 3, h, w]);

    [Theory]
    [InlineData(16, 4, 16, 4)]
    [InlineData(8, 4, 8, 4)]
    [InlineData(16, 8, 16, 8)]
    [InlineData(16, 16, 16, 16)]
    public void FeaturesAndLogits_HaveTheStridesOfTheConfig(int os, int ds, int stage4Stride, int decoderStride)
    {
        var model = Tiny(os, ds);
        var logits = model.forward(Input(2, 32, 48));
        Assert.Equal([2L, 11, 32, 48], logits.shape);
        Assert.Equal([2L, 4, 16, 24], model.Features["stem"].shape);
        Assert.Equal([2L, 4, 8, 12], model.Features["stage1"].shape);
        Assert.Equal([2L, 8, 4, 6], model.Features["stage2"].shape);
        Assert.Equal([2L, 16, 32 / stage4Stride, 48 / stage4Stride], model.Features["stage4"].shape);
        Assert.Equal([2L, 8, 32 / stage4Stride, 48 / stage4Stride], model.Features["aspp"].shape);
        Assert.Equal([2L, 8, 32 / decoderStride, 48 / decoderStride], model.Features["decoder"].shape);
        Assert.Equal([2L, 11, 32 / decoderStride, 48 / decoderStride], model.Features["logits"].shape);
    }

    [Fact]
    public void SmallConfig_HasTheReadmesParameterCount()
    {
        TestTensors.Seed(0);
        var model = new DeepLabV3Plus(DeepLabV3PlusConfig.Small(12));
        Assert.Equal(4_193_036, ResearchKit.Training.Trainer.ParameterCount(model)); // bench/torch/deeplab_ref.py summary --config kit
        Assert.Equal(95, model.parameters().Count());
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
    public void TrainStep_MatchesPyTorchOnTheClosedFormGolden()
    {
        var golden = Golden.Load("deeplab_ref");
        var cfg = golden.Param("config");
        TestTensors.Seed(0);
        var model = new DeepLabV3Plus(new DeepLabV3PlusConfig
        {
            NumClasses = (int)golden.Param("numClasses"), Widths = cfg["widths"]!.AsArray().Select(v => (int)v!).ToArray(),
            OutputStride = (int)cfg["outputStride"]!, AsppRates = cfg["asppRates"]!.AsArray().Select(v => (int)v!).ToArray(),
            AsppChannels = (int)cfg["asppChannels"]!, LowLevelChannels = (int)cfg["lowLevelChannels"]!,
            DecoderChannels = (int)cfg["decoderChannels"]!, DecoderStride = (int)cfg["decoderStride"]!,
        });
        GoldenTrainStep.AssertMatches(model, golden); // 10 gradients, three BatchNorms' running statistics
    }

    [Fact]
    public void LayerCosts_CountEachConvByHand()
    {
        var model = Tiny();
        var costs = LayerCost.PerLayer(model, 2, 32, 48);
        var stem1 = costs.Single(c => c.Layer == "backbone.stem1.conv");
        Assert.Equal(2L * 4 * 16 * 24 * 3 * 9, stem1.Macs); // N·K·OH·OW·Cin·k²
        Assert.Equal(4 * 3 * 9, stem1.Parameters);
        var head = costs.Single(c => c.Layer == "head");
        Assert.Equal(2L * 11 * 8 * 12 * 8, head.Macs); // 1x1, 8 -> 11 at stride 4
        Assert.Equal(11 * 8 + 11, head.Parameters);
        Assert.All(costs, c => Assert.True(c.Macs > 0, c.Layer));
        Assert.Equal(model.parameters().Where(p => p.dim() == 4).Sum(p => p.numel()) + 11, costs.Sum(c => c.Parameters)); // conv weights + head bias
    }

    [Fact]
    public void AnInputNotAMultipleOfTheOutputStride_IsRefused()
    {
        var e = Assert.Throws<ArgumentException>(() => Tiny().forward(Input(1, 30, 32)));
        Assert.StartsWith("deeplabv3plus: input must be [N,3,H,W] with H and W multiples of 16", e.Message);
    }
}
