using System.Text.Json.Nodes;
using ResearchKit.Optim;
using ResearchKit.Tensors;
using ResearchKit.Tests.Autograd;

namespace ResearchKit.Tests.Optim;

public sealed class LrScheduleTests
{
    private static Sgd Optimizer(double lr) => new([Tensor.Zeros(1)], lr);

    [Fact]
    public void Poly_HandComputedValues()
    {
        var s = new PolyLr(Optimizer(0.1), totalIters: 4, power: 2);
        Assert.Equal(0.1, s.Optimizer.LearningRate);                 // epoch 0: the base rate
        Assert.Equal(0.1 * 0.75 * 0.75, s.RateAt(1), 15);             // (1 − 1/4)²
        Assert.Equal(0.1 * 0.25, s.RateAt(2), 15);                    // (1 − 2/4)²
        Assert.Equal(0.0, s.RateAt(4));
        Assert.Equal(0.0, s.RateAt(9));                               // stays at 0 after T
    }

    [Fact]
    public void Cosine_HandComputedValues()
    {
        var s = new CosineLr(Optimizer(1.0), tMax: 4, etaMin: 0.2);
        Assert.Equal(1.0, s.RateAt(0), 15);
        Assert.Equal(0.2 + 0.8 * (1 + Math.Sqrt(0.5)) / 2, s.RateAt(1), 15); // cos(π/4)
        Assert.Equal(0.6, s.RateAt(2), 15);                                  // half way
        Assert.Equal(0.2, s.RateAt(4), 15);                                  // η_min at T_max
        Assert.Equal(0.6, s.RateAt(6), 15);                                  // rises again after T_max
    }

    [Fact]
    public void Step_HandComputedValues()
    {
        var s = new StepLr(Optimizer(0.8), stepSize: 2, gamma: 0.5);
        Assert.Equal([0.8, 0.8, 0.4, 0.4, 0.2], Enumerable.Range(0, 5).Select(s.RateAt).ToArray());
    }

    [Fact]
    public void EverySchedule_SteppedLikePyTorch_GivesPyTorchsRates()
    {
        var g = Golden.Load("optim_schedules");
        var baseLr = (double)g.Param("base");
        Compare(g.Param("poly"), o => new PolyLr(o, (int)g.Param("poly")["total"]!, (double)g.Param("poly")["power"]!), baseLr);
        Compare(g.Param("poly1"), o => new PolyLr(o, (int)g.Param("poly1")["total"]!, (double)g.Param("poly1")["power"]!), baseLr);
        Compare(g.Param("cosine"), o => new CosineLr(o, (int)g.Param("cosine")["tmax"]!, (double)g.Param("cosine")["etamin"]!), baseLr);
        Compare(g.Param("step"), o => new StepLr(o, (int)g.Param("step")["size"]!, (double)g.Param("step")["gamma"]!), baseLr);
    }

    [Fact]
    public void SettingTheEpoch_SetsTheOptimisersRateDirectly()
    {
        var s = new StepLr(Optimizer(1.0), stepSize: 3, gamma: 0.1);
        s.Epoch = 7;
        Assert.Equal(0.01, s.Optimizer.LearningRate, 15);
        s.Step();
        Assert.Equal(8, s.Epoch);
        Assert.Equal(0.01, s.Optimizer.LearningRate, 15);
    }

    private static void Compare(JsonNode expected, Func<Optimizer, LrSchedule> make, double baseLr)
    {
        var rates = expected["lrs"]!.AsArray().Select(v => (double)v!).ToArray();
        var s = make(Optimizer(baseLr));
        for (var epoch = 0; epoch < rates.Length; epoch++)
        {
            // PyTorch steps its rates recursively, so it differs from the closed form by rounding only.
            Assert.True(Math.Abs(s.Optimizer.LearningRate - rates[epoch]) <= 1e-12 * Math.Max(1e-3, rates[epoch]) + 1e-17,
                $"epoch {epoch}: PyTorch {rates[epoch]:R}, kit {s.Optimizer.LearningRate:R}");
            s.Step();
        }
    }
}
