using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Autograd;

public sealed class FLossTests
{
    // soft-labelling spec §3.2: logits over classes 0..3 at TL, TR, BL, BR of a 2×2 output, as [1,4,2,2].
    private static Tensor SpecLogits() => new([2, 0, 1, 0, 0, 2, 0, 1, 1, 0, 0, 0, 0, 1, 0, 0], 1, 4, 2, 2);

    [Fact]
    public void SoftCrossEntropy_MatchesTheSoftLabellingSpecExample()
    {
        // SoftBox, KeepMass targets: TL 0:15/16 2:1/16, TR 1:7/8 3:1/8, BL 0:1, BR 1:3/4 (ΣT = 3.75).
        var targets = new Tensor([15f / 16, 0, 1, 0, 0, 7f / 8, 0, 0.75f, 1f / 16, 0, 0, 0, 0, 1f / 8, 0, 0], 1, 4, 2, 2);
        var logits = SpecLogits();
        logits.RequiresGrad = true;
        var loss = F.SoftCrossEntropy(logits, targets);
        Assert.Equal(0.6604114891319111, loss.Item(), 1e-6);
        loss.Backward();
        float[] tl = [.. Enumerable.Range(0, 4).Select(c => logits.Grad!.Data[c * 4])];
        float[] br = [.. Enumerable.Range(0, 4).Select(c => logits.Grad!.Data[c * 4 + 3])];
        AssertAll([-0.08725448f, 0.02202521f, 0.04320406f, 0.02202521f], tl, 1e-6);
        AssertAll([0.03497554f, -0.10492662f, 0.03497554f, 0.03497554f], br, 1e-6);
    }

    [Fact]
    public void SoftCrossEntropy_OfOneHotTargets_EqualsHardCrossEntropy_AndZeroMassGivesZero()
    {
        // Majority labels of the spec (0, 1, 0, 1): hard CE 0.6187400448504589 either way.
        var oneHot = new Tensor([1, 0, 1, 0, 0, 1, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0], 1, 4, 2, 2);
        Assert.Equal(0.6187400448504589, F.SoftCrossEntropy(SpecLogits(), oneHot).Item(), 1e-6);
        Assert.Equal(0.6187400448504589, F.CrossEntropy(SpecLogits(), [0, 1, 0, 1]).Item(), 1e-6);
        var logits = SpecLogits();
        logits.RequiresGrad = true;
        var zero = F.SoftCrossEntropy(logits, Tensor.Zeros(1, 4, 2, 2));
        Assert.Equal(0f, zero.Item());
        zero.Backward();
        Assert.All(logits.Grad!.Data, v => Assert.Equal(0f, v));
    }

    [Fact]
    public void CrossEntropy_WithIgnoreIndexAndClassWeights_OnTwoByTwo_IsTheWeightedMeanOverValidPixels()
    {
        // Two classes; pixels: [ln3, 0] label 0 (w 2), [0, 0] label 1 (w 1), ignored, [0, ln3] label 1 (w 1).
        var ln3 = MathF.Log(3);
        var logits = new Tensor([ln3, 0, 5, 0, 0, 0, -7, ln3], 1, 2, 2, 2);
        logits.RequiresGrad = true;
        var loss = F.CrossEntropy(logits, [0, 1, 255, 1], ignoreIndex: 255, classWeights: [2, 1]);
        Assert.Equal((3 * Math.Log(4.0 / 3) + Math.Log(2)) / 4, loss.Item(), 1e-6); // Σ w·nll / Σ w = /4
        loss.Backward();
        // pixel 0: (w/Σw)·(softmax − onehot) = 0.5·([0.75, 0.25] − [1, 0]); the ignored pixel gets nothing.
        AssertAll([-0.125f, 0.125f], [logits.Grad!.Data[0], logits.Grad.Data[4]], 1e-6);
        AssertAll([0f, 0f], [logits.Grad.Data[2], logits.Grad.Data[6]], 0);
        AssertAll([0.125f, -0.125f], [logits.Grad.Data[1], logits.Grad.Data[5]], 1e-6);  // 0.25·([0.5, 0.5] − [0, 1])
        AssertAll([0.0625f, -0.0625f], [logits.Grad.Data[3], logits.Grad.Data[7]], 1e-6); // 0.25·([0.25, 0.75] − [0, 1])
    }

    [Fact]
    public void CrossEntropy_AllIgnored_IsZero_ByteLabelsWork_AndBadLabelsAreNamed()
    {
        var logits = SpecLogits();
        Assert.Equal(0f, F.CrossEntropy(logits, new byte[] { 11, 11, 11, 11 }, ignoreIndex: 11).Item());
        Assert.Equal(F.CrossEntropy(logits, [0, 1, 0, 1]).Item(), F.CrossEntropy(logits, new byte[] { 0, 1, 0, 1 }).Item());
        var e = Assert.Throws<ArgumentException>(() => F.CrossEntropy(logits, [0, 4, 0, 1], ignoreIndex: 11));
        Assert.Equal("cross_entropy: label 4 at position 1 is outside [0,4) and is not the ignore index 11", e.Message);
        e = Assert.Throws<ArgumentException>(() => F.CrossEntropy(logits, [0, 1, 0]));
        Assert.Equal("cross_entropy: 3 labels for 4 positions (shapes [1,4,2,2])", e.Message);
    }

    [Theory]
    [InlineData(1.0, 0.45475850428639386)]
    [InlineData(2.0, 0.6044852038033892)]
    [InlineData(4.0, 0.6228638689100543)]
    public void KlDiv_MatchesTheSelfRegulationSpecExample(double temperature, double expected)
    {
        var student = new Tensor([0.5f, 0.5f, 0], 1, 3);
        var teacher = new Tensor([2f, 0, -1], 1, 3);
        student.RequiresGrad = teacher.RequiresGrad = true;
        var loss = F.KlDiv(student, teacher, temperature);
        // T = 1 has no T² factor to apply, so the spec's KL and T²·KL coincide there. Float32 logs: 1e-5 relative.
        Assert.Equal(expected, loss.Item(), 1e-5 * expected);
        loss.Backward();
        Assert.Null(teacher.Grad);
        if (temperature == 2.0) AssertAll([-0.5373285f, 0.25728714f, 0.28004136f], student.Grad!.Data, 1e-6);
    }

    [Fact]
    public void KlDiv_WithoutTemperatureSquared_IsThePlainPixelMeanKl()
    {
        var student = new Tensor([0.5f, 0.5f, 0], 1, 3);
        var teacher = new Tensor([2f, 0, -1], 1, 3);
        Assert.Equal(0.1511213009508473, F.KlDiv(student, teacher, 2.0, scaleByTemperatureSquared: false).Item(), 1e-6);
        Assert.Equal(0f, F.KlDiv(teacher, teacher, 3.0).Item(), 6);
    }

    [Fact]
    public void MseLoss_IsTheMeanSquaredDifference()
    {
        // self-regulation spec §4.2: MSE = 3.25 / 8.
        var student = new Tensor([1.5f, 2, 2, 4, 0, 0, 1, -1], 1, 2, 2, 2);
        var teacher = new Tensor([1f, 2, 3, 4, 0, -1, 1, 0], 1, 2, 2, 2);
        student.RequiresGrad = true;
        var loss = F.MseLoss(student, teacher);
        Assert.Equal(0.40625f, loss.Item(), 6);
        loss.Backward();
        AssertAll([0.125f, 0, -0.25f, 0, 0, 0.25f, 0, -0.25f], student.Grad!.Data, 1e-7); // 2(a − b)/8
    }

    [Fact]
    public void Losses_PassFiniteDifferenceChecks()
    {
        var rng = new Random(3);
        int[] labels = [0, 2, 255, 1, 1, 0, 2, 255, 2, 1, 0, 0];
        GradCheck.Assert(x => F.CrossEntropy(x[0], labels, 255, [0.5f, 1, 2]), [GradCheck.Random(rng, 2, 3, 2, 3)]);
        GradCheck.Assert(x => F.CrossEntropy(x[0], [1, 0, 3]), [GradCheck.Random(rng, 3, 4)]);
        var targets = GradCheck.Random(rng, 2, 3, 2, 2);
        for (var i = 0; i < targets.Count; i++) targets.Data[i] = Math.Abs(targets.Data[i]);
        GradCheck.Assert(x => F.SoftCrossEntropy(x[0], x[1]), [GradCheck.Random(rng, 2, 3, 2, 2), targets]);
        GradCheck.Assert(x => F.KlDiv(x[0], x[1], 2.0, detachTeacher: false), [GradCheck.Random(rng, 2, 4, 2, 2), GradCheck.Random(rng, 2, 4, 2, 2)]);
        var teacher = GradCheck.Random(rng, 3, 5);
        GradCheck.Assert(x => F.KlDiv(x[0], teacher, 0.5), [GradCheck.Random(rng, 3, 5)]);
        GradCheck.Assert(x => F.MseLoss(x[0], x[1]), [GradCheck.Random(rng, 2, 5), GradCheck.Random(rng, 2, 5)]);
    }

    private static void AssertAll(float[] expected, float[] actual, double tolerance)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (var i = 0; i < expected.Length; i++) Assert.True(Math.Abs(expected[i] - actual[i]) <= tolerance, $"[{i}]: expected {expected[i]}, got {actual[i]}");
    }
}
