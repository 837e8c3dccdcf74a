using ResearchKit.Losses;
using ResearchKit.Models;
using ResearchKit.Tests.Support;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Losses;

public sealed class SelfRegulationLossTests
{
    private static readonly SelfRegulationOptions SrOnly = new() { LambdaCls = 0, LambdaSeg = 0 };

    private static Tensor Leaf(Random rng, params long[] shape) =>
        TestTensors.Uniform(rng.Next(), shape).requires_grad_(true);

    private static Tensor Probabilities(Random rng, int n, int c) =>
        TestTensors.Uniform(rng.Next(), [n, c], 0.1, 0.9).requires_grad_(true);

    // Three exits on a 1×3×4×4 input: logits [1,3,4,4], presence [1,3], features F_1 [1,2,4,4], F_2, F_3 [1,5,2,2], projections [1,2,4,4].
    private static MultiExitOutput Output(int seed)
    {
        var rng = new Random(seed);
        return new MultiExitOutput(
            [Leaf(rng, 1, 3, 4, 4), Leaf(rng, 1, 3, 4, 4), Leaf(rng, 1, 3, 4, 4)],
            [Probabilities(rng, 1, 3), Probabilities(rng, 1, 3), Probabilities(rng, 1, 3)],
            [Leaf(rng, 1, 2, 4, 4), Leaf(rng, 1, 5, 2, 2), Leaf(rng, 1, 5, 2, 2)],
            [Leaf(rng, 1, 2, 4, 4), Leaf(rng, 1, 2, 4, 4)]);
    }

    private static Tensor Labels => tensor(new long[] { 0, 0, 2, 11, 1, 1, 11, 11, 11, 11, 1, 2, 11, 11, 2, 0 }, [1, 4, 4]);

    [Fact]
    public void ShallowArgmaxCe_MatchesTheSpecExample()
    {
        // Spec §4.4: teacher S_1 = [1,0,0], [0,0,2] → Ŷ = [0, 2]; student [0,1,0], [0,0,1]; CE_all = log(2 + e) − 0.5.
        var teacher = tensor(new[] { 1f, 0, 0, 0, 0, 2 }, [1, 3, 1, 2]);
        var student = tensor(new[] { 0f, 0, 1, 0, 0, 1 }, [1, 3, 1, 2]);
        Assert.Equal([0L, 2], SelfRegulationLoss.Argmax(teacher).data<long>().ToArray());
        var q = tensor(new[] { 0.5f, 0.5f, 0.5f }, [1, 3]);
        var o = new MultiExitOutput([teacher, student], [q, q], [zeros(1, 1, 1, 2), zeros(1, 1, 1, 2)], [zeros(1, 1, 1, 2)]);
        var voidLabels = tensor(new long[] { 11, 11 }, [1, 1, 2]);
        var terms = SelfRegulationLoss.Compute(o, voidLabels, 11, SrOnly with { FeatureTerm = FeatureSr.ShallowArgmaxCe, LogitTerm = LogitSr.Off }, selfRegulate: true);
        Assert.Equal(1.051444713932051, terms.Feature, 6);
        Assert.Equal(Math.Log(2 + Math.E) - 0.5, terms.Total.item<float>(), 6);
    }

    [Fact]
    public void PresenceTargets_MarkTheClassesAmongValidPixels_VoidIsNotAClass()
    {
        // Spec §4.5: rows [0,0,2,11], [1,1,11,11], [11,11,1,2], [11,11,2,3] → classes 0–3 present, 4–10 absent.
        var labels = tensor(new long[] { 0, 0, 2, 11, 1, 1, 11, 11, 11, 11, 1, 2, 11, 11, 2, 3 }, [1, 4, 4]);
        var y = SelfRegulationLoss.PresenceTargets(labels, 11, 11);
        Assert.Equal([1f, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], Golden.Values(y));
        // Two samples of two pixels each: [0, 0] and [void, 3].
        Assert.Equal([1f, 0, 0, 0, 0, 0, 0, 1], Golden.Values(SelfRegulationLoss.PresenceTargets(tensor(new long[] { 0, 0, 11, 3 }, [2, 1, 2]), 4, 11)));
    }

    [Fact]
    public void DuringWarmUp_TheSrTermsContributeExactlyZero()
    {
        var opt = SelfRegulationOptions.Paper;
        var warm = SelfRegulationLoss.Compute(Output(1), Labels, 11, opt, selfRegulate: false);
        Assert.Equal((0.0, 0.0), (warm.Feature, warm.Logit));
        Assert.Equal((float)(opt.LambdaCls * warm.Cls + opt.LambdaSeg * warm.Seg), warm.Total.item<float>(), 5);
        var on = SelfRegulationLoss.Compute(Output(1), Labels, 11, opt, selfRegulate: true);
        Assert.True(on.Feature > 0 && on.Logit > 0);
        Assert.Equal((float)(opt.LambdaCls * on.Cls + opt.LambdaSeg * on.Seg + on.Feature + on.Logit), on.Total.item<float>(), 4);
    }

    [Theory]
    [InlineData(FeatureSr.Mse, LogitSr.PixelKl)]
    [InlineData(FeatureSr.ShallowArgmaxCe, LogitSr.ClassPresenceBce)]
    public void TheTeachers_GetNoGradientFromTheSrTerms_TheStudentsDo(FeatureSr feature, LogitSr logit)
    {
        var o = Output(2);
        SelfRegulationLoss.Compute(o, Labels, 11, SrOnly with { FeatureTerm = feature, LogitTerm = logit }, selfRegulate: true).Total.backward();
        // Shallow teacher: F_1 (Mse) or S_1 through its argmax (ShallowArgmaxCe); deep teacher: S_N (PixelKl) or q_N (ClassPresenceBce).
        AssertNoGradient(o.Features[0]);
        AssertNoGradient(logit == LogitSr.PixelKl ? o.Logits[^1] : o.Presence[^1]);
        if (feature == FeatureSr.Mse)
        {
            Assert.All(o.Projected, p => AssertSomeGradient(p));
            AssertSomeGradient(o.Logits[0]); // a student of the logit term
        }
        else
        {
            AssertNoGradient(o.Logits[0]);
            AssertSomeGradient(o.Logits[1]);
            AssertSomeGradient(o.Logits[^1]); // S_N is a student of the shallow argmax (b = 2..N)
            AssertSomeGradient(o.Presence[0]);
        }
    }

    [Fact]
    public void WithTheMeaTerms_TheTeachersAreStillTrained()
    {
        var o = Output(3);
        SelfRegulationLoss.Compute(o, Labels, 11, SelfRegulationOptions.Paper, selfRegulate: true).Total.backward();
        AssertSomeGradient(o.Logits[^1]);
        AssertSomeGradient(o.Presence[^1]);
        AssertNoGradient(o.Features[0]); // F_1 has no MEA term of its own here: its head's logits are S_1
    }

    private static void AssertNoGradient(Tensor t) => Assert.True(t.grad is null || t.grad.abs().max().item<float>() == 0, "expected no gradient");

    private static void AssertSomeGradient(Tensor t) => Assert.True(t.grad is { } g && g.abs().max().item<float>() > 0, "expected a gradient");
}
