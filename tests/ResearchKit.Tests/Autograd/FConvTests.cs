using ResearchKit.Autograd;
using ResearchKit.Tensors;
using ResearchKit.Tensors.Kernels;

namespace ResearchKit.Tests.Autograd;

public sealed class FConvTests
{
    [Fact]
    public void Conv2d_HandComputed3x3WithPadding()
    {
        // x = 1..9 as 3x3, all-ones 3x3 kernel, padding 1: each output is the sum of its in-range neighbourhood.
        var x = new Tensor([1, 2, 3, 4, 5, 6, 7, 8, 9], 1, 1, 3, 3);
        var w = Tensor.Full(1f, 1, 1, 3, 3);
        var y = F.Conv2d(x, w, Tensor.Full(0.5f, 1), padding: 1);
        Assert.Equal([12.5f, 21.5f, 16.5f, 27.5f, 45.5f, 33.5f, 24.5f, 39.5f, 28.5f], y.Data);
    }

    [Fact]
    public void Conv2d_Stride2NoPadding_PicksEveryOtherWindow()
    {
        var x = new Tensor(Enumerable.Range(0, 16).Select(i => (float)i).ToArray(), 1, 1, 4, 4);
        var w = new Tensor([1, 0, 0, -1], 1, 1, 2, 2); // x[i,j] − x[i+1,j+1] = −5 everywhere
        Assert.Equal([-5f, -5f, -5f, -5f], F.Conv2d(x, w, stride: 2).Data);
        Assert.Equal([1, 1, 2, 2], F.Conv2d(x, w, stride: 2).Shape);
    }

    [Fact]
    public void ConvTranspose2d_HandComputed_ScattersEachInputTimesKernel()
    {
        // stride 2, 2x2 kernel: every input value paints its own 2x2 block of the 4x4 output.
        var x = new Tensor([1, 2, 3, 4], 1, 1, 2, 2);
        var w = new Tensor([1, 10, 100, 1000], 1, 1, 2, 2);
        var y = F.ConvTranspose2d(x, w, stride: 2);
        Assert.Equal([1, 10, 2, 20, 100, 1000, 200, 2000, 3, 30, 4, 40, 300, 3000, 400, 4000], y.Data);
    }

    public static TheoryData<string> Goldens => new()
    {
        "conv_basic", "conv_stride2", "conv_dilation_groups", "conv_depthwise", "conv_asymmetric",
        "conv_transpose_basic", "conv_transpose_dilated",
    };

    [Theory]
    [MemberData(nameof(Goldens))]
    public void ForwardAndGradients_MatchPyTorch(string name)
    {
        var golden = Golden.Load(name);
        var x = golden.Input("x");
        var w = golden.Input("weight");
        var b = TryInput(golden, "bias");
        x.RequiresGrad = w.RequiresGrad = true;
        if (b is not null) b.RequiresGrad = true;
        var stride = Pair(golden, "stride");
        var padding = Pair(golden, "padding");
        var dilation = Pair(golden, "dilation");
        var groups = (int)golden.Param("groups");
        var y = (bool)golden.Param("transposed")
            ? F.ConvTranspose2d(x, w, b, stride, padding, Pair(golden, "outputPadding"), dilation, groups)
            : F.Conv2d(x, w, b, stride, padding, dilation, groups);
        F.Sum(F.Mul(y, golden.Input("gy"))).Backward();
        Golden.AssertClose(golden.Output("y"), y, what: "y");
        Golden.AssertClose(golden.Grad("x"), x.Grad!, what: "grad x");
        Golden.AssertClose(golden.Grad("weight"), w.Grad!, what: "grad weight");
        if (b is not null) Golden.AssertClose(golden.Grad("bias"), b.Grad!, what: "grad bias");
    }

    public static TheoryData<int, int, int, int, bool> Modes => new()
    {
        // stride, padding, dilation, groups, bias
        { 1, 1, 1, 1, true }, { 2, 1, 1, 1, true }, { 1, 2, 2, 1, true }, { 1, 1, 1, 2, true },
        { 2, 1, 1, 4, true }, { 1, 0, 1, 1, false }, { 1, 1, 1, 4, false },
    };

    [Theory]
    [MemberData(nameof(Modes))]
    public void Conv2d_PassesFiniteDifferenceChecks(int stride, int padding, int dilation, int groups, bool bias)
    {
        var rng = new Random(stride * 100 + padding * 10 + dilation + groups * 7);
        Tensor[] inputs = [GradCheck.Random(rng, 2, 4, 6, 5), GradCheck.Random(rng, 4, 4 / groups, 3, 3), GradCheck.Random(rng, 4)];
        if (!bias) inputs = inputs[..2];
        GradCheck.Assert(t => F.Conv2d(t[0], t[1], bias ? t[2] : null, stride, padding, dilation, groups), inputs);
    }

    [Theory]
    [InlineData(2, 1, 1, 1, 1)]
    [InlineData(1, 0, 0, 2, 2)]
    [InlineData(2, 1, 1, 1, 4)]
    public void ConvTranspose2d_PassesFiniteDifferenceChecks(int stride, int padding, int outputPadding, int dilation, int groups)
    {
        var rng = new Random(stride + 10 * dilation + groups);
        GradCheck.Assert(t => F.ConvTranspose2d(t[0], t[1], t[2], stride, padding, outputPadding, dilation, groups),
            [GradCheck.Random(rng, 2, 4, 3, 4), GradCheck.Random(rng, 4, 8 / groups, 3, 3), GradCheck.Random(rng, 8)]);
    }

    [Fact]
    public void Conv2dBnRelu_EqualsConvThenEvalBatchNormThenRelu()
    {
        var rng = new Random(3);
        var x = GradCheck.Random(rng, 2, 6, 7, 9);
        var w = GradCheck.Random(rng, 8, 3, 3, 3);
        var bias = GradCheck.Random(rng, 8);
        float[] gamma = [.. GradCheck.Random(rng, 8).Data], beta = [.. GradCheck.Random(rng, 8).Data], mean = [.. GradCheck.Random(rng, 8).Data];
        var variance = GradCheck.Random(rng, 8).Data.Select(v => v + 1.5f).ToArray();
        const double eps = 1e-5;
        var (scale, shift) = ConvEpilogue.FoldBatchNorm(gamma, beta, mean, variance, eps, bias.Data);
        using var _ = GradMode.Disable();
        var fused = F.Conv2dBnRelu(x, w, new Tensor(scale, 8), new Tensor(shift, 8), stride: 2, padding: 1, groups: 2);
        var conv = F.Conv2d(x, w, bias, stride: 2, padding: 1, groups: 2);
        var plane = conv.Size(2) * conv.Size(3);
        for (var i = 0; i < conv.Count; i++)
        {
            var c = i / plane % 8;
            var bn = (conv.Data[i] - mean[c]) / Math.Sqrt(variance[c] + eps) * gamma[c] + beta[c];
            Assert.True(Math.Abs(Math.Max(bn, 0) - fused.Data[i]) <= 1e-5 * Math.Max(1, Math.Abs(bn)), $"[{i}] {Math.Max(bn, 0)} vs {fused.Data[i]}");
        }
    }

    [Fact]
    public void Conv2dBnRelu_WhenRecorded_PassesFiniteDifferenceChecks()
    {
        var rng = new Random(4);
        var scale = GradCheck.Random(rng, 4);
        var shift = GradCheck.Random(rng, 4);
        GradCheck.Assert(t => F.Conv2dBnRelu(t[0], t[1], scale, shift, padding: 1), [GradCheck.Random(rng, 2, 3, 5, 5), GradCheck.Random(rng, 4, 3, 3, 3)]);
    }

    [Fact]
    public void ShapeErrors_NameTheOpAndShapes()
    {
        var ex = Assert.Throws<ArgumentException>(() => F.Conv2d(Tensor.Zeros(1, 3, 8, 8), Tensor.Zeros(4, 2, 3, 3)));
        Assert.Contains("conv2d", ex.Message);
        Assert.Contains("[1,3,8,8]", ex.Message);
        Assert.Contains("[4,2,3,3]", ex.Message);
        Assert.Throws<ArgumentException>(() => F.Conv2d(Tensor.Zeros(1, 3, 2, 2), Tensor.Zeros(4, 3, 3, 3)));
        Assert.Throws<ArgumentException>(() => F.ConvTranspose2d(Tensor.Zeros(1, 3, 4, 4), Tensor.Zeros(3, 2, 3, 3), null, 2, 1, outputPadding: 2));
    }

    private static Tensor? TryInput(Golden golden, string name)
    {
        try { return golden.Input(name); }
        catch (KeyNotFoundException) { return null; }
    }

    private static (int, int) Pair(Golden golden, string name)
    {
        var a = golden.Param(name).AsArray();
        return ((int)a[0]!, (int)a[1]!);
    }
}
