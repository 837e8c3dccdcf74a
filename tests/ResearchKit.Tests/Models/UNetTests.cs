using ResearchKit.Models;
using ResearchKit.Tests.Support;
using ResearchKit.Training;
using TorchSharp;
using static TorchSharp.torch;
using L = ResearchKit.Losses.SegmentationLosses;

namespace ResearchKit.Tests.Models;

public sealed class UNetTests
{
    private static UNet Reference()
    {
        TestTensors.Seed(0);
        return new UNet(UNetConfig.Reference);
    }

    [Fact]
    public void ReferenceUNet_HasPyTorchsParameterNamesOrderAndCount()
    {
        var model = Reference();
        var names = model.named_parameters().Select(p => p.name).ToArray();
        Assert.Equal(56, names.Length);
        Assert.Equal(1_964_284, Trainer.ParameterCount(model));
        Assert.Equal(["enc1.conv1.weight", "enc1.bn1.weight", "enc1.bn1.bias", "enc1.conv2.weight"], names[..4]);
        Assert.Equal(["dec1.bn2.bias", "head.weight", "head.bias"], names[^3..]);
        var golden = Golden.Load("unet_ref").Param("parameters").AsArray().Select(p => (string)p!["name"]!).ToArray();
        Assert.Equal(golden, names);
        Assert.Contains("enc1.bn1.num_batches_tracked", model.state_dict().Keys); // PyTorch's buffers, so state dicts line up
    }

    [Theory]
    [InlineData(8, 96, 128, 5_270_667_264L)]
    [InlineData(4, 192, 256, 10_541_334_528L)]
    public void ForwardMacs_EqualsTheBenchmarksAnalyticCount_AndTheHookCount(int batch, int h, int w, long macs)
    {
        var model = Reference();
        Assert.Equal(macs, model.ForwardMacs(batch, h, w));
        Assert.Equal(macs, LayerCost.PerLayer(model, batch, h, w).Sum(c => c.Macs));
    }

    [Fact]
    public void TrainStep_MatchesPyTorchOnTheClosedFormGolden() =>
        GoldenTrainStep.AssertMatches(Reference(), Golden.Load("unet_ref")); // 5 gradients, enc1.bn1's running statistics

    [Fact]
    public void Features_AreNamedPerLevel_WithTheirResolution_AndChannelsLastStrides()
    {
        TestTensors.Seed(0);
        var model = new UNet(new UNetConfig { NumClasses = 11, Widths = [4, 8], Bottleneck = 16 });
        var logits = model.forward(zeros(1, 3, 16, 24));
        var f = model.Features;
        Assert.Equal(["enc1", "enc2", "bottleneck", "dec2", "dec1", "logits"], f.Keys);
        Assert.Equal([1L, 4, 16, 24], f["enc1"].shape);
        Assert.Equal([1L, 8, 8, 12], f["dec2"].shape);
        Assert.Equal([1L, 16, 4, 6], f["bottleneck"].shape);
        Assert.Same(logits, f["logits"]);
        // The input is converted to channels-last once, and every conv, concat and resize keeps it (speed, see Engine.Layout).
        Assert.All(new[] { "enc1", "enc2", "bottleneck", "dec2", "dec1" }, k => Assert.True(ResearchKit.Engine.Layout.IsChannelsLast(f[k]), k));
    }

    [Fact]
    public void PerLayerCosts_SumToTheAnalyticCount_AndNameEveryConv()
    {
        TestTensors.Seed(0);
        var model = new UNet(new UNetConfig { NumClasses = 11, Widths = [4, 8], Bottleneck = 16 });
        var costs = LayerCost.PerLayer(model, 2, 16, 24);
        Assert.Equal(["enc1.conv1", "enc1.conv2", "enc2.conv1", "enc2.conv2", "bottleneck.conv1", "bottleneck.conv2",
            "dec2.conv1", "dec2.conv2", "dec1.conv1", "dec1.conv2", "head"], costs.Select(c => c.Layer));
        Assert.Equal(model.ForwardMacs(2, 16, 24), costs.Sum(c => c.Macs));
        Assert.Equal(2L * 16 * 24 * 4 * 3 * 9, costs[0].Macs); // N·K·H·W·Cin·k², by hand
        Assert.Equal(2L * 8 * 12 * 8 * (16 + 8) * 9, costs[6].Macs); // dec2 reads [up(bottleneck), enc2] at 1/2
        Assert.Equal(Trainer.ParameterCount(model) - 2 * 2 * (4 + 8 + 16 + 8 + 4), costs.Sum(c => c.Parameters)); // all but BN's weight and bias
    }
}

public sealed class UNetTrainingTests
{
    private static float[] TrainLosses(long seed, int steps)
    {
        TestTensors.Seed(seed);
        var model = new UNet(new UNetConfig { NumClasses = 4, Widths = [4, 8], Bottleneck = 16 });
        var x = TestTensors.Uniform(seed, [2, 3, 16, 16], 0, 1);
        var labels = ((arange(16).unsqueeze(1) + arange(16).unsqueeze(0) / 4) % 4).expand(2, 16, 16).to_type(ScalarType.Int64);
        var sgd = optim.SGD(model.parameters(), 0.05, momentum: 0.9);
        var losses = new float[steps];
        for (var i = 0; i < steps; i++)
        {
            sgd.zero_grad();
            var loss = L.CrossEntropy(model.forward(x), labels);
            loss.backward();
            sgd.step();
            losses[i] = loss.item<float>();
        }
        return losses;
    }

    [Fact]
    public void SameSeed_GivesBitwiseIdenticalLosses_AndTheLossFalls()
    {
        var a = TrainLosses(7, 8);
        var b = TrainLosses(7, 8);
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
        Assert.True(a[^1] < 0.9 * a[0], $"loss went from {a[0]} to {a[^1]}");
        Assert.NotEqual(a[0], TrainLosses(8, 1)[0]); // another seed, other weights
    }
}
