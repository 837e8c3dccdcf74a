using ResearchKit.Optim;
using ResearchKit.Tensors;
using ResearchKit.Tests.Autograd;

namespace ResearchKit.Tests.Optim;

/// <summary>Ten steps of each optimiser on the tiny model, against PyTorch 1.13's trajectory (data-scripts/goldens_optim.py).</summary>
public sealed class OptimizerTrajectoryTests
{
    [Fact]
    public void SgdWithNesterovMomentumAndWeightDecay_MatchesPyTorchStepByStep() =>
        Check("optim_sgd_nesterov", (ps, g) => new Sgd(ps, P(g, "lr"), momentum: P(g, "momentum"), nesterov: true,
            weightDecay: P(g, "weight_decay")));

    [Fact]
    public void SgdWithDampenedMomentum_MatchesPyTorchStepByStep() =>
        Check("optim_sgd_momentum", (ps, g) => new Sgd(ps, P(g, "lr"), momentum: P(g, "momentum"), dampening: P(g, "dampening")));

    [Fact]
    public void AdamWithL2WeightDecay_MatchesPyTorchStepByStep() =>
        Check("optim_adam", (ps, g) => new Adam(ps, P(g, "lr"), P(g, "beta1"), P(g, "beta2"), P(g, "eps"), P(g, "weight_decay")));

    [Fact]
    public void AdamWWithDecoupledWeightDecay_MatchesPyTorchStepByStep() =>
        Check("optim_adamw", (ps, g) => new AdamW(ps, P(g, "lr"), P(g, "beta1"), P(g, "beta2"), P(g, "eps"), P(g, "weight_decay")));

    private static double P(Golden g, string name) => (double)g.Param(name);

    private static void Check(string golden, Func<IEnumerable<Tensor>, Golden, Optimizer> make)
    {
        var g = Golden.Load(golden);
        var (model, x, y) = TinyModel.FromGolden(g);
        var optimizer = make(model.Parameters(), g);
        var losses = g.Output("loss");
        Assert.Equal(10, losses.Count);
        for (var step = 0; step < 10; step++)
        {
            optimizer.ZeroGrad();
            var loss = model.Loss(x, y);
            loss.Backward();
            optimizer.Step();
            Golden.AssertClose(Tensor.Scalar(losses.Data[step]), Tensor.Scalar(loss.Item()), what: $"{golden} loss at step {step}");
            foreach (var (name, p) in model.NamedParameters())
            {
                var all = g.Output(name);
                var expected = new Tensor(all.Data.AsSpan(step * p.Count, p.Count).ToArray(), p.Shape);
                Golden.AssertClose(expected, p, what: $"{golden} {name} after step {step + 1}");
            }
        }
        Assert.Equal(10, optimizer.StepCount);
    }
}
