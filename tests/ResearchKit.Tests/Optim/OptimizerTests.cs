using ResearchKit.Optim;
using ResearchKit.Tensors;

namespace ResearchKit.Tests.Optim;

public sealed class OptimizerTests
{
    private static Tensor Param(params float[] values) => new(values, values.Length) { RequiresGrad = true };

    [Fact]
    public void SgdNesterov_TwoStepsByHand()
    {
        var p = Param(1f);
        var sgd = new Sgd([p], learningRate: 0.1, momentum: 0.5, nesterov: true, weightDecay: 0.1);
        p.Grad = new Tensor([2f], 1);
        sgd.Step();
        // d = 2 + 0.1·1 = 2.1; b = 2.1; step = d + 0.5·b = 3.15; p = 1 − 0.315
        Assert.Equal(0.685f, p.Data[0], 6);
        p.Grad = new Tensor([2f], 1);
        sgd.Step();
        // d = 2 + 0.0685 = 2.0685; b = 0.5·2.1 + 2.0685 = 3.1185; step = 2.0685 + 1.55925 = 3.62775; p = 0.685 − 0.362775
        Assert.Equal(0.322225f, p.Data[0], 6);
    }

    [Fact]
    public void AdamFirstStep_MovesEachValueByTheLearningRateAgainstItsGradientSign()
    {
        // At step 1 the bias-corrected m̂/√v̂ is g/|g|, so every value moves by lr (up to ε).
        var p = Param(1f, -2f, 0.5f);
        var adam = new Adam([p], learningRate: 0.01);
        p.Grad = new Tensor([3f, -0.001f, 40f], 3);
        adam.Step();
        Assert.Equal([0.99f, -1.99f, 0.49f], p.Data.Select(v => MathF.Round(v, 5)).ToArray());
    }

    [Fact]
    public void AdamWFirstStep_DecaysTheWeightThenTakesTheAdamStep()
    {
        var p = Param(2f);
        var adamw = new AdamW([p], learningRate: 0.1, weightDecay: 0.5);
        p.Grad = new Tensor([1f], 1);
        adamw.Step();
        Assert.Equal(2f * (1 - 0.05f) - 0.1f, p.Data[0], 5); // 1.9 − 0.1
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void VectorisedAdamUpdate_IsBitwiseTheElementByElementUpdate(bool decoupled)
    {
        // One 37-value tensor (vector lanes plus a tail) against 37 one-value tensors (tail path only).
        var rng = new ResearchKit.Nn.Rng(3);
        var values = new float[37];
        rng.FillNormal(values, 0, 1);
        var whole = new Tensor((float[])values.Clone(), 37) { RequiresGrad = true };
        var singles = values.Select(v => Param(v)).ToArray();
        Optimizer Make(IEnumerable<Tensor> ps) => decoupled ? new AdamW(ps, 0.05, weightDecay: 0.1) : new Adam(ps, 0.05, weightDecay: 0.1);
        var (a, b) = (Make([whole]), Make(singles));
        for (var step = 0; step < 5; step++)
        {
            var grads = new float[37];
            rng.FillNormal(grads, 0, 1);
            whole.Grad = new Tensor(grads, 37);
            for (var i = 0; i < 37; i++) singles[i].Grad = new Tensor([grads[i]], 1);
            a.Step();
            b.Step();
        }
        Assert.Equal(singles.Select(p => p.Data[0]), whole.Data);
    }

    [Fact]
    public void ParameterWithoutGradient_IsSkippedAndKeepsItsOwnStepCount()
    {
        var a = Param(1f);
        var b = Param(1f);
        var adam = new Adam([a, b], learningRate: 0.1);
        a.Grad = new Tensor([1f], 1);
        adam.Step();
        Assert.Equal(1f, b.Data[0]);
        var state = adam.ExportState();
        Assert.Equal(1, state.StepCount);
        Assert.Equal([1L, 0L], state.Params.Select(s => s.Step).ToArray());
        Assert.Equal(["exp_avg", "exp_avg_sq"], state.Params[0].Buffers.Keys.Order().ToArray());
        Assert.Empty(state.Params[1].Buffers);
    }

    [Fact]
    public void ExportedState_IsACopy_AndImportContinuesTheSameTrajectory()
    {
        var (p1, p2) = (Param(1f, 2f), Param(1f, 2f));
        var first = new Sgd([p1], 0.1, momentum: 0.9);
        p1.Grad = new Tensor([1f, -1f], 2);
        first.Step();
        var state = first.ExportState();
        state.Params[0].Buffers["momentum_buffer"].Data[0] = 99; // must not reach the optimiser
        p1.Grad = new Tensor([1f, -1f], 2);
        first.Step();

        p2.Data[0] = 0.9f; p2.Data[1] = 2.1f;                     // p1 after the first step
        var second = new Sgd([p2], 0.1, momentum: 0.9);
        state.Params[0].Buffers["momentum_buffer"].Data[0] = 1;
        second.ImportState(state);
        p2.Grad = new Tensor([1f, -1f], 2);
        second.Step();
        Assert.Equal(p1.Data, p2.Data);
        Assert.Equal(2, second.StepCount);
    }

    [Fact]
    public void ImportingAnotherKindOrShape_ListsEveryMismatch_AndChangesNothing()
    {
        var adam = new Adam([Param(1f, 2f)], learningRate: 0.1);
        var sgd = new Sgd([Param(1f, 2f, 3f)], 0.5, momentum: 0.9);
        sgd.Parameters[0].Grad = Tensor.Zeros(3);
        sgd.Step();
        var e = Assert.Throws<ArgumentException>(() => adam.ImportState(sgd.ExportState()));
        Assert.Equal("optimiser state: saved by sgd, this optimiser is adam; parameter 0 momentum_buffer: saved [3], parameter [2]", e.Message);
        Assert.Equal(0.1, adam.LearningRate);
        Assert.Equal(0, adam.StepCount);
    }

    [Fact]
    public void BadHyperparameters_AreRefusedWithTheirName()
    {
        Assert.Contains("Nesterov", Assert.Throws<ArgumentException>(() => new Sgd([Param(1f)], 0.1, nesterov: true)).Message);
        Assert.Contains("beta1", Assert.Throws<ArgumentOutOfRangeException>(() => new Adam([Param(1f)], beta1: 1)).Message);
        Assert.Contains("appears more than once", Assert.Throws<ArgumentException>(() => { var p = Param(1f); return new Sgd([p, p], 0.1); }).Message);
    }
}
