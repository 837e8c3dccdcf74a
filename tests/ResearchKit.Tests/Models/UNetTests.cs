using ResearchKit.Autograd;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Tensors;
using ResearchKit.Tests.Autograd;

namespace ResearchKit.Tests.Models;

public sealed class UNetTests
{
    [Fact]
    public void ReferenceUNet_HasPyTorchsParameterNamesOrderAndCount()
    {
        var model = new UNet(UNetConfig.Reference, new Rng(0));
        var names = model.NamedParameters().Select(p => p.Name).ToArray();
        Assert.Equal(56, names.Length);
        Assert.Equal(1_964_284, model.ParameterCount());
        Assert.Equal(["enc1.conv1.weight", "enc1.bn1.weight", "enc1.bn1.bias", "enc1.conv2.weight"], names[..4]);
        Assert.Equal(["dec1.bn2.bias", "head.weight", "head.bias"], names[^3..]);
        var golden = Golden.Load("unet_ref").Param("parameters").AsArray().Select(p => (string)p!["name"]!).ToArray();
        Assert.Equal(golden, names);
    }

    [Theory]
    [InlineData(8, 96, 128, 5_270_667_264L)]
    [InlineData(4, 192, 256, 10_541_334_528L)]
    public void ForwardMacs_EqualsTheBenchmarksAnalyticCount(int batch, int h, int w, long macs)
    {
        Assert.Equal(macs, new UNet(UNetConfig.Reference, new Rng(0)).ForwardMacs(batch, h, w));
    }

    [Fact]
    public void TrainStep_MatchesPyTorchOnTheClosedFormGolden()
    {
        var golden = Golden.Load("unet_ref");
        var model = new UNet(UNetConfig.Reference, new Rng(0));
        UNetGoldenFill.Apply(model);
        foreach (var (p, expected) in model.NamedParameters().Zip(golden.Param("parameters").AsArray()))
        {
            Assert.Equal((double)expected!["sum"]!, p.Value.Data.Sum(v => (double)v), 1e-3 * Math.Max(1, Math.Abs((double)expected["sum"]!)));
        }
        var x = golden.Input("x");
        x.RequiresGrad = true;
        var labels = golden.Input("labels").Data.Select(v => (int)v).ToArray();
        var logits = model.Forward(x);
        var loss = F.CrossEntropy(logits, labels);
        loss.Backward();

        Golden.AssertClose(golden.Output("logits"), logits, 1e-4, "logits");
        Golden.AssertClose(golden.Output("loss"), loss, 1e-4, "loss");
        var named = model.NamedParameters().ToDictionary(p => p.Name, p => p.Value);
        var buffers = model.NamedBuffers().ToDictionary(p => p.Name, p => p.Value);
        Golden.AssertClose(golden.Output("enc1.bn1.running_mean"), buffers["enc1.bn1.running_mean"], 1e-4, "running_mean");
        Golden.AssertClose(golden.Output("enc1.bn1.running_var"), buffers["enc1.bn1.running_var"], 1e-4, "running_var");
        AssertGradClose(golden.Grad("x"), x.Grad!, "x");
        foreach (var name in new[] { "enc1.conv1.weight", "dec1.conv2.weight", "bottleneck.bn1.weight", "head.weight", "head.bias" })
            AssertGradClose(golden.Grad(name), named[name].Grad!, name);
    }

    /// <summary>Gradients are compared within 1e-4 of the tensor's largest value (they are small; see bench/README.md).</summary>
    private static void AssertGradClose(Tensor expected, Tensor actual, string what)
    {
        Assert.Equal(expected.Shape, actual.Shape);
        var tol = 1e-4 * expected.Data.Max(v => Math.Abs(v));
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Math.Abs(expected.Data[i] - actual.Data[i]) <= tol, $"{what}[{i}]: expected {expected.Data[i]}, got {actual.Data[i]}");
    }
}

public sealed class UNetTrainingTests
{
    private static float[] TrainLosses(ulong seed, int steps)
    {
        var rng = new Rng(seed);
        var model = new UNet(new UNetConfig(3, 4, [4, 8], 16), rng);
        var x = Tensor.Zeros(2, 3, 16, 16);
        rng.FillUniform(x.Data, 0, 1);
        var labels = Enumerable.Range(0, 2 * 16 * 16).Select(p => (p / 16 + p % 16 / 4) % 4).ToArray();
        var sgd = new ResearchKit.Optim.Sgd(model.Parameters(), 0.05, momentum: 0.9);
        var losses = new float[steps];
        for (var i = 0; i < steps; i++)
        {
            sgd.ZeroGrad();
            var loss = F.CrossEntropy(model.Forward(x), labels);
            loss.Backward();
            sgd.Step();
            losses[i] = loss.Item();
        }
        return losses;
    }

    [Fact]
    public void SameSeed_GivesBitwiseIdenticalLosses_AndTheLossFalls()
    {
        var a = TrainLosses(7, 8);
        var b = TrainLosses(7, 8);
        Assert.Equal(a.Select(BitConverter.SingleToInt32Bits), b.Select(BitConverter.SingleToInt32Bits));
        Assert.True(a[^1] < 0.8 * a[0], $"loss went from {a[0]} to {a[^1]}");
        Assert.NotEqual(a[0], TrainLosses(8, 1)[0]); // another seed, other weights
    }

    [Fact]
    public void EvalForwardWithoutGrad_UsesFoldedBatchNorm_AndMatchesTheRecordedEvalForward()
    {
        var model = new UNet(new UNetConfig(3, 4, [4, 8], 16), new Rng(3));
        var x = Tensor.Zeros(1, 3, 16, 16);
        new Rng(4).FillUniform(x.Data, 0, 1);
        model.Forward(x); // one training forward moves the running statistics away from their defaults
        model.Eval();
        var recorded = model.Forward(x);            // grad mode on: conv, then BN with running stats, then ReLU
        Tensor fused;
        using (GradMode.Disable()) fused = model.Forward(x); // conv with BN folded in, one pass
        Golden.AssertClose(recorded, fused, 1e-5, "eval logits");
    }

    [Fact]
    public void PerLayerCosts_SumToTheAnalyticCount_AndNameEveryConv()
    {
        var model = new UNet(new UNetConfig(3, 11, [4, 8], 16), new Rng(0));
        var costs = LayerCost.PerLayer(model, 2, 16, 24);
        Assert.Equal(["enc1.conv1", "enc1.conv2", "enc2.conv1", "enc2.conv2", "bottleneck.conv1", "bottleneck.conv2",
            "dec2.conv1", "dec2.conv2", "dec1.conv1", "dec1.conv2", "head"], costs.Select(c => c.Layer));
        Assert.Equal(model.ForwardMacs(2, 16, 24), costs.Sum(c => c.Macs));
        Assert.Equal(2L * 16 * 24 * 4 * 3 * 9, costs[0].Macs); // N·K·H·W·Cin·k², by hand
        Assert.Equal(2L * 8 * 12 * 8 * (16 + 8) * 9, costs[6].Macs); // dec2 reads [up(bottleneck), enc2] at 1/2
        Assert.Equal(model.ParameterCount() - 2 * 2 * (4 + 8 + 16 + 8 + 4), costs.Sum(c => c.Parameters)); // all but BN's weight and bias
    }

    [Fact]
    public void Features_AreNamedPerLevel_WithTheirResolution()
    {
        var model = new UNet(new UNetConfig(3, 11, [4, 8], 16), new Rng(0));
        var logits = model.Forward(Tensor.Zeros(1, 3, 16, 24));
        var f = model.Features;
        Assert.Equal(["enc1", "enc2", "bottleneck", "dec2", "dec1", "logits"], f.Keys);
        Assert.Equal([1, 4, 16, 24], f["enc1"].Shape);
        Assert.Equal([1, 8, 8, 12], f["dec2"].Shape);
        Assert.Equal([1, 16, 4, 6], f["bottleneck"].Shape);
        Assert.Same(logits, f["logits"]);
    }
}
