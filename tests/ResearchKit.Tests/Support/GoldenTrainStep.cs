using static TorchSharp.torch;
using L = ResearchKit.Losses.SegmentationLosses;

namespace ResearchKit.Tests.Support;

/// <summary>One training forward and backward of a model filled by <see cref="GoldenFill"/>, compared with the PyTorch
/// golden of data-scripts/goldens_unet.py or goldens_deeplab.py: parameter names and sums, logits, loss, the BatchNorm
/// running statistics every output key names, and every gradient the golden holds (within 1e-4 of the largest value).</summary>
internal static class GoldenTrainStep
{
    public static void AssertMatches(nn.Module<Tensor, Tensor> model, Golden golden)
    {
        GoldenFill.Apply(model);
        var expectedParameters = golden.Param("parameters").AsArray();
        Assert.Equal(expectedParameters.Select(p => (string)p!["name"]!), model.named_parameters().Select(p => p.name));
        foreach (var ((_, p), expected) in model.named_parameters().Zip(expectedParameters))
            Assert.Equal((double)expected!["sum"]!, p.sum().item<float>(), 1e-3 * Math.Max(1, Math.Abs((double)expected["sum"]!)));
        var x = golden.Input("x").requires_grad_(true);
        var logits = model.forward(x);
        var loss = L.CrossEntropy(logits, golden.Input("labels").to_type(ScalarType.Int64));
        loss.backward();

        Golden.AssertClose(golden.Output("logits"), logits, 1e-4, "logits");
        Golden.AssertClose(golden.Output("loss"), loss, 1e-4, "loss");
        var state = model.state_dict();
        foreach (var key in golden.Keys("outputs").Where(k => k.EndsWith(".running_mean") || k.EndsWith(".running_var")))
            Golden.AssertClose(golden.Output(key), state[key], 1e-4, key);
        var named = model.named_parameters().ToDictionary(p => p.name, p => p.parameter);
        foreach (var key in golden.Keys("grads"))
            Golden.AssertGradClose(golden.Grad(key), key == "x" ? x.grad! : named[key].grad!, key);
    }
}
