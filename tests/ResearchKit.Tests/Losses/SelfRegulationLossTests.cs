using ResearchKit.Losses;
using ResearchKit.Models;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Losses;

public sealed class SelfRegulationLossTests
{
    private static readonly SelfRegulationOptions SrOnly = new() { LambdaCls = 0, LambdaSeg = 0 };

    private static Tensor Leaf(Random rng, params int[] shape)
    {
        var t = Tensor.Zeros(shape);
        for (var i = 0; i < t.Count; i++) t.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        t.RequiresGrad = true;
        return t;
    }

    private static Tensor Probabilities(Random rng, int n, int c)
    {
        var t = Tensor.Zeros(n, c);
        for (var i = 0; i < t.Count; i++) t.Data[i] = (float)(0.1 + 0.8 * rng.NextDouble());
        t.RequiresGrad = true;
        return t;
    }

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

    private static readonly int[] Labels = [0, 0, 2, 11, 1, 1, 11, 11, 11, 11, 1, 2, 11, 11, 2, 0];

    [Fact]
    public void ShallowArgmaxCe_MatchesTheSpecExample()
    {
        // Spec §4.4: teacher S_1 = [1,0,0], [0,0,2] → Ŷ = [0, 2]; student [0,1,0], [0,0,1]; CE_all = log(2 + e) − 0.5.
        var teacher = new Tensor([1f, 0, 0, 0, 0, 2], 1, 3, 1, 2);
        var student = new Tensor([0f, 0, 1, 0, 0, 1], 1, 3, 1, 2);
        Assert.Equal([0, 2], SelfRegulationLoss.Argmax(teacher));
        var q = new Tensor([0.5f, 0.5f, 0.5f], 1, 3);
        var o = new MultiExitOutput([teacher, student], [q, q], [Tensor.Zeros(1, 1, 1, 2), Tensor.Zeros(1, 1, 1, 2)], [Tensor.Zeros(1, 1, 1, 2)]);
        var terms = SelfRegulationLoss.Compute(o, [11, 11], 11, SrOnly with { FeatureTerm = FeatureSr.ShallowArgmaxCe, LogitTerm = LogitSr.Off }, selfRegulate: true);
        Assert.Equal(1.051444713932051, terms.Feature, 6);
        Assert.Equal(Math.Log(2 + Math.E) - 0.5, terms.Total.Item(), 6);
    }

    [Fact]
    public void PresenceTargets_MarkTheClassesAmongValidPixels_VoidIsNotAClass()
    {
        // Spec §4.5: rows [0,0,2,11], [1,1,11,11], [11,11,1,2], [11,11,2,3] → classes 0–3 present, 4–10 absent.
        int[] labels = [0, 0, 2, 11, 1, 1, 11, 11, 11, 11, 1, 2, 11, 11, 2, 3];
        var y = SelfRegulationLoss.PresenceTargets(labels, 1, 11, 11);
        Assert.Equal([1f, 1, 1, 1, 0, 0, 0, 0, 0, 0, 0], y.Data);
        // Two samples of two pixels each: [0, 0] and [void, 3].
        Assert.Equal([1f, 0, 0, 0, 0, 0, 0, 1], SelfRegulationLoss.PresenceTargets([0, 0, 11, 3], 2, 4, 11).Data);
    }

    [Fact]
    public void DuringWarmUp_TheSrTermsContributeExactlyZero()
    {
        var opt = SelfRegulationOptions.Paper;
        var warm = SelfRegulationLoss.Compute(Output(1), Labels, 11, opt, selfRegulate: false);
        Assert.Equal((0.0, 0.0), (warm.Feature, warm.Logit));
        Assert.Equal((float)(opt.LambdaCls * warm.Cls + opt.LambdaSeg * warm.Seg), warm.Total.Item(), 5);
        var on = SelfRegulationLoss.Compute(Output(1), Labels, 11, opt, selfRegulate: true);
        Assert.True(on.Feature > 0 && on.Logit > 0);
        Assert.Equal((float)(opt.LambdaCls * on.Cls + opt.LambdaSeg * on.Seg + on.Feature + on.Logit), on.Total.Item(), 4);
    }

    [Theory]
    [InlineData(FeatureSr.Mse, LogitSr.PixelKl)]
    [InlineData(FeatureSr.ShallowArgmaxCe, LogitSr.ClassPresenceBce)]
    public void TheTeachers_GetNoGradientFromTheSrTerms_TheStudentsDo(FeatureSr feature, LogitSr logit)
    {
        var o = Output(2);
        SelfRegulationLoss.Compute(o, Labels, 11, SrOnly with { FeatureTerm = feature, LogitTerm = logit }, selfRegulate: true).Total.Backward();
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
        SelfRegulationLoss.Compute(o, Labels, 11, SelfRegulationOptions.Paper, selfRegulate: true).Total.Backward();
        AssertSomeGradient(o.Logits[^1]);
        AssertSomeGradient(o.Presence[^1]);
        AssertNoGradient(o.Features[0]); // F_1 has no MEA term of its own here: its head's logits are S_1
    }

    private static void AssertNoGradient(Tensor t) => Assert.True(t.Grad is null || t.Grad.Data.All(v => v == 0), "expected no gradient");

    private static void AssertSomeGradient(Tensor t) => Assert.True(t.Grad is not null && t.Grad.Data.Any(v => v != 0), "expected a gradient");
}
