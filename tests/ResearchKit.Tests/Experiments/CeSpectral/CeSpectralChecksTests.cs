using ResearchKit.Claims;
using ResearchKit.Data;
using ResearchKit.Experiments.CeSpectral;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.CeSpectral;

/// <summary>NB02's checks and verdict on constructed ρ curves (H = 360, K = 0..180).</summary>
public sealed class CeSpectralChecksTests
{
    private static readonly LabelSpectraResult Spectra =
        ResearchKit.Experiments.LabelSpectra.LabelSpectra.Run(LabelSpectraConfig.Smoke, CamVid.Open(DataPaths.CamVid));

    /// <summary>ρ(K) = 1 + 0.5 outside 1 ± 0.05 below K = <paramref name="firstInside"/>, then 1.01 (never inside when -1).</summary>
    private static CeModel Model(string name, int firstInside, double lowPassError = 1e-13)
    {
        var rho = Enumerable.Range(0, 181).Select(k => firstInside >= 0 && k >= firstInside ? 1.01 : 1.5).ToArray();
        var bound = rho.Select(r => Math.Abs(1 - r) + 0.1).ToArray();
        var final = new CeCheckpoint(40, 0.5, 1e-13, lowPassError, rho, bound, new double[181]);
        return new CeModel(name, TrainConfig(), RunManifest.Start("t", 0, 0), 50, [final]);
    }

    private static ResearchKit.Training.TrainConfig TrainConfig() => ResearchKit.Training.TrainConfig.For(Preset.Smoke, ResearchKit.Training.ModelKind.UNet);

    private static CeSpectralResult Result(params CeModel[] models) =>
        new(CeSpectralConfig.Smoke, RunManifest.Start("t", 0, 0), 360, 480, 4, models);

    [Fact]
    public void Verdict_FollowsTheSpecCriterion_ForEveryModel()
    {
        var kStar = Spectra.Cutoff(0.95).K;
        Assert.InRange(kStar, 2, 89);
        Assert.Equal(Outcome.Reproduced, CeSpectralChecks.Verdict(Result(Model("a", kStar), Model("b", 1)), Spectra).Outcome);
        // Inside 1 ± 0.05 only after K*(0.95) but before H/4 = 90 (s > 2): inconclusive.
        var late = CeSpectralChecks.Verdict(Result(Model("a", kStar), Model("b", kStar + 1)), Spectra);
        Assert.Equal(Outcome.Inconclusive, late.Outcome);
        Assert.Contains($"first at K = {kStar + 1}", late.Parts![1].Evidence);
        // Never inside, or only from s ≤ 2 on: contradicted, and one such model contradicts the claim.
        Assert.Equal(Outcome.Contradicted, CeSpectralChecks.Verdict(Result(Model("a", kStar), Model("b", -1)), Spectra).Outcome);
        Assert.Equal(Outcome.Contradicted, CeSpectralChecks.Verdict(Result(Model("a", 90)), Spectra).Outcome);
    }

    [Fact]
    public void TheLowPassCheck_FailsWhenTheSpectrumAndThePixelSpaceDisagree()
    {
        Assert.True(CeSpectralChecks.Evaluate(Result(Model("a", 10))).AllPass);
        var wrong = CeSpectralChecks.Evaluate(Result(Model("a", 10, lowPassError: 1e-3)));
        var failed = Assert.Single(wrong.Checks, c => !c.Pass);
        Assert.Contains("pixel-space low-passed labels", failed.Name);
    }
}
