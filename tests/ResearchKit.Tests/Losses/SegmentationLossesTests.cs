using ResearchKit.Tests.Support;
using static TorchSharp.torch;
using L = ResearchKit.Losses.SegmentationLosses;

namespace ResearchKit.Tests.Losses;

/// <summary>The kit's losses against PyTorch 1.13 goldens (data-scripts/goldens_ops.py): values and gradients.</summary>
public sealed class SegmentationLossesTests
{
    [Theory]
    [InlineData("ops_cross_entropy_ignore_weights")]
    [InlineData("ops_cross_entropy_2d")]
    public void CrossEntropy_WithIgnoreIndexAndClassWeights_MatchesPyTorch(string name)
    {
        var g = Golden.Load(name);
        var logits = g.Input("logits").requires_grad_(true);
        var weights = name.Contains("weights")
            ? tensor(g.Param("classWeights").AsArray().Select(v => (float)(double)v!).ToArray()) : null;
        var loss = L.CrossEntropy(logits, g.Input("labels").to_type(ScalarType.Int64), (int)g.Param("ignoreIndex"), weights);
        loss.backward();
        Golden.AssertClose(g.Output("loss"), loss, 1e-5, "loss");
        Golden.AssertClose(g.Grad("logits"), logits.grad!, 1e-5, "grad");
    }

    [Fact]
    public void CrossEntropy_OfAnAllVoidCrop_IsZeroWithZeroGradient()
    {
        var logits = TestTensors.Uniform(1, [2, 3, 4, 4]).requires_grad_(true);
        var loss = L.CrossEntropy(logits, full(new long[] { 2, 4, 4 }, 11L), 11);
        loss.backward();
        Assert.Equal(0f, loss.item<float>());
        Assert.Equal(0f, logits.grad!.abs().max().item<float>()); // torch alone would give NaN and stop training
    }

    [Fact]
    public void SoftCrossEntropy_NormalisedByTargetMass_MatchesPyTorch_AndIsZeroOnAllZeroTargets()
    {
        var g = Golden.Load("ops_soft_cross_entropy");
        var logits = g.Input("logits").requires_grad_(true);
        var targets = g.Input("targets").requires_grad_(true);
        var loss = L.SoftCrossEntropy(logits, targets);
        loss.backward();
        Golden.AssertClose(g.Output("loss"), loss, 1e-5, "loss");
        Golden.AssertClose(g.Grad("logits"), logits.grad!, 1e-5, "grad logits");
        Golden.AssertClose(g.Grad("targets"), targets.grad!, 1e-5, "grad targets");
        Assert.Equal(0f, L.SoftCrossEntropy(g.Input("logits"), zeros(2, 4, 3, 3)).item<float>());
    }

    [Theory]
    [InlineData("ops_kl_div_t2_detached")]
    [InlineData("ops_kl_div_t2_both")]
    public void KlDiv_WithTemperature_MatchesPyTorch(string name)
    {
        var g = Golden.Load(name);
        var student = g.Input("student").requires_grad_(true);
        var teacher = g.Input("teacher").requires_grad_(true);
        var detach = (bool)g.Param("detachTeacher");
        var loss = L.KlDiv(student, teacher, (double)g.Param("temperature"), detach);
        loss.backward();
        Golden.AssertClose(g.Output("loss"), loss, 1e-5, "loss");
        Golden.AssertClose(g.Grad("student"), student.grad!, 1e-5, "grad student");
        if (detach) Assert.Null(teacher.grad);
        else Golden.AssertClose(g.Grad("teacher"), teacher.grad!, 1e-5, "grad teacher");
    }

    [Fact]
    public void Mse_MatchesPyTorch()
    {
        var g = Golden.Load("ops_mse_loss");
        var a = g.Input("a").requires_grad_(true);
        var b = g.Input("b").requires_grad_(true);
        var loss = L.Mse(a, b);
        loss.backward();
        Golden.AssertClose(g.Output("loss"), loss, 1e-5, "loss");
        Golden.AssertClose(g.Grad("a"), a.grad!, 1e-5, "grad a");
        Golden.AssertClose(g.Grad("b"), b.grad!, 1e-5, "grad b");
    }
}
