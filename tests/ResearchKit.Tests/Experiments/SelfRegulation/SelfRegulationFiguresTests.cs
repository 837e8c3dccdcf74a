using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Experiments.SelfRegulation;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.SelfRegulation;

/// <summary>NB08/NB09's figures on constructed runs (no training): their plotly JSON.</summary>
public sealed class SelfRegulationFiguresTests
{
    [Fact]
    public void MeanIoUByArm_MarksEachArmsMeanWithItsSeedStd_AndEverySeedBesideIt()
    {
        var fig = ChartDisplay.FigureJson(SelfRegulationFigures.MeanIoUByArm(Constructed()));
        var (mean, seeds) = (fig["data"]![0]!, fig["data"]![1]!);
        Assert.Equal(("mean ± std", "one seed"), ((string)mean["name"]!, (string)seeds["name"]!));
        Assert.Equal([40.0, 41, 42, 43, 44, 45], mean["y"]!.AsArray().Select(v => Math.Round((double)v!, 9)));
        Assert.All(mean["error_y"]!["array"]!.AsArray(), v => Assert.Equal(1.0, (double)v!, 9));
        Assert.Equal(14, (int)mean["marker"]!["size"]!);
        Assert.Equal(18, seeds["x"]!.AsArray().Count);
        Assert.Equal([1.15, 1.21, 1.27], seeds["x"]!.AsArray().Skip(3).Take(3).Select(v => Math.Round((double)v!, 9)));
        var x = fig["layout"]!["xaxis"]!;
        Assert.Equal(SrArm.All.Select(a => a.Name), x["ticktext"]!.AsArray().Select(v => (string)v!));
        Assert.Equal([0.0, 1, 2, 3, 4, 5], x["tickvals"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("arm", (string)x["title"]!["text"]!);
        Assert.Equal("Val mIoU (main exit, 360×480) by arm; seeds 0, 1, 2", (string)fig["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void ClassGain_BarsPaperMinusMeaOnly_ClassesBySmallestShare()
    {
        var fig = ChartDisplay.FigureJson(SelfRegulationFigures.ClassGain(Constructed()));
        var bars = fig["data"]!.AsArray().Single()!;
        Assert.Equal(("bar", "ΔIoU"), ((string)bars["type"]!, (string)bars["name"]!));
        Assert.Equal(["SignSymbol", "Fence", "Pedestrian", "Bicyclist", "Pole", "Pavement", "Car", "Tree", "Building", "Sky", "Road"],
            bars["x"]!.AsArray().Select(v => (string)v!));
        // Per-class IoU 10 + c·i for arm i: Paper (4) − MeaOnly (1) = 3c.
        Assert.Equal([18.0, 21, 27, 30, 6, 12, 24, 15, 3, 0, 9], bars["y"]!.AsArray().Select(v => Math.Round((double)v!, 9)));
        Assert.Equal("ΔIoU (points)", (string)fig["layout"]!["yaxis"]!["title"]!["text"]!);
        Assert.Equal("Per-class ΔIoU: Paper − MeaOnly (classes from the smallest train pixel share)", (string)fig["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void ExitMeanIoU_DrawsOneLinePerMultiExitArmOfTheSpec_OverExits1To4()
    {
        var fig = ChartDisplay.FigureJson(SelfRegulationFigures.ExitMeanIoU(Constructed()));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["MeaOnly", "FeatureOnly", "LogitOnly", "Paper"], data.Select(t => (string)t!["name"]!));
        Assert.Equal([1.0, 2, 3, 4], data[0]!["x"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([14.0, 24, 34, 44], data[3]!["y"]!.AsArray().Select(v => Math.Round((double)v!, 9)));
        Assert.Equal([1, 2, 3, 4], fig["layout"]!["xaxis"]!["tickvals"]!.AsArray().Select(v => (int)v!));
        Assert.Equal("exit (1 = shallowest, last = main)", (string)fig["layout"]!["xaxis"]!["title"]!["text"]!);
    }

    [Fact]
    public void Qualitative_ShowsImageTruthAndBothArmsPerRow_TitledWithWhyEachWasPicked()
    {
        var label = new LabelMap(2, 3, [0, 1, 2, 3, 4, 5]);
        var rows = new[] { "thin miss", "interior" }.Select((why, k) =>
            new SelfRegulationFigures.QualitativeRow($"val{k}.png", why, new RgbImage(2, 3, new byte[18]), label, label, label)).ToArray();
        var fig = ChartDisplay.FigureJson(SelfRegulationFigures.Qualitative(rows, "MeaOnly", "Paper"));
        Assert.Equal(8, fig["data"]!.AsArray().Count(t => (string)t!["type"]! == "image"));
        Assert.Equal(["val0.png", "ground truth", "MeaOnly (thin miss)", "Paper", "val1.png", "ground truth", "MeaOnly (interior)", "Paper"],
            fig["layout"]!["annotations"]!.AsArray().Select(a => (string)a!["text"]!));
        Assert.Equal((2, 4), ((int)fig["layout"]!["grid"]!["rows"]!, (int)fig["layout"]!["grid"]!["columns"]!));
        Assert.False((bool)fig["layout"]!["yaxis8"]!["visible"]!);
        Assert.StartsWith("Val images where MeaOnly (seed 0) fails most, Paper beside it", (string)fig["layout"]!["title"]!["text"]!);
    }

    /// <summary>The six arms (index i in <see cref="SrArm.All"/>), seeds 0, 1, 2: mIoU 40 + i + (seed − 1), per-class IoU
    /// 10 + c·i, exits 10 + i, 20 + i, 30 + i, then the main one (the Baseline: main only), thin-class mIoU 5 + i, interior
    /// confusion 0.05 + 0.01·i, 3 s per epoch for the Baseline and 5 for the others, train MACs 100 M and 150 M, test
    /// MACs 100 M and 500,235 parameters for all.</summary>
    internal static SelfRegulationResult Constructed()
    {
        var cfg = SelfRegulationConfig.Smoke with { Seeds = [0, 1, 2] };
        var runs = SrArm.All.SelectMany((a, i) => cfg.Seeds.Select(seed =>
        {
            double miou = 40 + i + (seed - 1);
            bool baseline = i == 0;
            return new SrRun(a.Name, seed, "hash", "commit", false, "", miou, Enumerable.Range(0, 11).Select(c => 10.0 + c * i).ToArray(),
                5 + i, 0.05 + 0.01 * i, baseline ? [miou] : [10 + i, 20 + i, 30 + i, miou], [], [], baseline ? 3 : 5, 900,
                baseline ? 100_000_000 : 150_000_000, 100_000_000, 500_235);
        })).ToArray();
        return new(cfg, RunManifest.Start("test", cfg, 0).Stop(), CamVid.ClassNames.ToArray(), [], [30, 25, 2, 33, 5, 10, 1, 1, 6, 1, 1], runs);
    }
}
