using System.Text.Json;
using Deedle;
using ResearchKit.Charts;
using ResearchKit.Claims;
using ResearchKit.Data;
using ResearchKit.Experiments.SelfRegulation;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.SelfRegulation;

/// <summary>NB08/NB09 on Smoke (six 3-epoch SrNet runs at 45×60). Training sets the global thread count, so these run alone.</summary>
[Collection(ResearchKit.Tests.Support.ThreadCountCollection.Name)]
public sealed class SelfRegulationTests : IDisposable
{
    private readonly string runs = Directory.CreateTempSubdirectory("rk-nb08-").FullName;

    public void Dispose() => Directory.Delete(runs, recursive: true);

    [Fact]
    public void SmokeRun_ScoresEveryArmExitByExit_AndTheTestTimeCostIsTheBaselines()
    {
        var cfg = SelfRegulationConfig.Smoke;
        var r = ResearchKit.Experiments.SelfRegulation.SelfRegulation.Run(cfg, DataPaths.CamVid, runs, TextWriter.Null);
        Assert.Equal(6, r.Runs.Length);
        Assert.Single(r.Of("Baseline")[0].ExitMeanIoU);
        Assert.All(r.Runs.Where(x => x.Arm != "Baseline"), x => Assert.Equal(4, x.ExitMeanIoU.Length));
        Assert.Equal(6, r.Runs.Select(x => x.ConfigHash).Distinct().Count());
        Assert.All(r.Runs, x => Assert.Equal(8, x.ImageThinMiss.Length));
        Assert.True(SelfRegulationChecks.Evaluate(r).AllPass, SelfRegulationChecks.Evaluate(r).ToString());
        // One seed per arm: every effect is inconclusive; the test-time cost, counted by hooks on each trained network's
        // evaluated forward (the multi-exit ones hold exits that must not run), equals the Baseline's.
        Assert.Equal(Outcome.Inconclusive, SelfRegulationVerdicts.Ablation(r).Outcome);
        Assert.Equal(Outcome.Reproduced, SelfRegulationVerdicts.TestTimeOverhead(r).Outcome);
        var diagnostics = SelfRegulationVerdicts.Diagnostics(r);
        Assert.Equal(Outcome.Inconclusive, diagnostics.Outcome);
        Assert.Equal([Outcome.Inconclusive, Outcome.Inconclusive, Outcome.Reproduced, Outcome.Inconclusive, Outcome.Inconclusive], diagnostics.Parts!.Select(p => p.Outcome));

        var fig = ChartDisplay.FigureJson(SelfRegulationFigures.ExitMeanIoU(r));
        Assert.Equal(4, fig["data"]!.AsArray().Count);
        var bars = ChartDisplay.FigureJson(SelfRegulationFigures.MeanIoUByArm(r));
        Assert.Equal(6, bars["layout"]!["xaxis"]!["ticktext"]!.AsArray().Count);
        var qualitative = ChartDisplay.FigureJson(SelfRegulationFigures.Qualitative(r));
        Assert.Equal(16, qualitative["data"]!.AsArray().Count(t => (string)t!["type"]! == "image"));

        // Side-by-side timing: every arm timed on the same batch and val images, each round logged (no assertion on the
        // times themselves: those are for NB09 to show, not for a unit test on a shared machine). The rounds are the
        // config's: Smoke times 3, not the 20 of the other presets.
        var log = new StringWriter();
        var t = SrTiming.Measure(r, warmup: 1, testImages: 2, dataRoot: DataPaths.CamVid, log: log);
        Assert.Equal(cfg.Arms.Select(a => a.Name), t.Arms.Select(a => a.Arm));
        Assert.All(t.Arms, a => Assert.True(a.TrainStepMs > 0 && a.TestMsPerImage > 0, a.ToString()));
        Assert.Equal((3, 2, cfg.Base.BatchSize), (t.Rounds, t.TestImages, t.Batch));
        Assert.Equal(3, log.ToString().Split('\n').Count(l => l.StartsWith("timing: train step, round")));
        var table = SelfRegulationTables.Timing(t);
        Assert.Equal(cfg.Arms.Select(a => a.Name), table.GetColumn<string>("arm").Values);
        Assert.Equal(1.0, table.GetColumn<double>("train × Baseline")[0]);
        Assert.Equal("3", SelfRegulationTables.TimingSetup(t).GetColumn<string>("value")[0]);

        var back = JsonSerializer.Deserialize<SelfRegulationResult>(JsonSerializer.Serialize(r, ConfigHash.Json), ConfigHash.Json)!;
        Assert.Equal(r.Runs.Select(x => x.MeanIoU), back.Runs.Select(x => x.MeanIoU));
        Assert.Equal(r.Config.Arms.Select(a => a.Options), back.Config.Arms.Select(a => a.Options));
    }

    [Fact]
    public void Runs_TrainTheBaselinePlain_AndEveryOtherArmWithItsOptions()
    {
        var cfg = SelfRegulationConfig.Paper;
        Assert.Null(cfg.Run(SrArm.All[0], 1).SelfRegulation);
        Assert.Equal(ResearchKit.Losses.SelfRegulationOptions.OfficialCode, cfg.Run(SrArm.All[5], 1).SelfRegulation);
        Assert.Equal((4, 88, 120, 12, 1), (cfg.Base.Factor, cfg.Base.CropHeight, cfg.Base.CropWidth, cfg.Base.Epochs, cfg.Run(SrArm.All[1], 1).Seed));
        Assert.Equal((20, 20, 3), (cfg.TimingRounds, SelfRegulationConfig.Quick.TimingRounds, SelfRegulationConfig.Smoke.TimingRounds));
    }
}
