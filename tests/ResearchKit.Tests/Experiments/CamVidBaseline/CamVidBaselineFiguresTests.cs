using System.Text.Json.Nodes;
using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Experiments.CamVidBaseline;
using static ResearchKit.Tests.Support.JsonArrays;

namespace ResearchKit.Tests.Experiments.CamVidBaseline;

/// <summary>NB00's figures read back as plotly JSON, built from <see cref="CamVidBaselineSample"/> (the two picture grids
/// read CamVid from the data folder).</summary>
public sealed class CamVidBaselineFiguresTests
{
    private static readonly CamVidBaselineResult R = CamVidBaselineSample.Result();

    [Fact]
    public void DataExamples_ShowsEachPickedTrainImageAboveItsLabel_WithoutAxes()
    {
        var fig = ChartDisplay.FigureJson(CamVidBaselineFigures.DataExamples(CamVidBaselineConfig.Smoke));
        var data = fig["data"]!.AsArray();
        var train = CamVid.Open(DataPaths.CamVid).Split("train");
        var picks = ResearchKit.Experiments.CamVidBaseline.CamVidBaseline.Spread(train.Count, 3);
        Assert.Equal(6, data.Count);
        Assert.All(data, t => Assert.Equal("image", t!["type"]!.GetValue<string>()));
        Assert.All(data, t => Assert.StartsWith("data:image/png;base64,", t!["source"]!.GetValue<string>()));
        Assert.Equal(["x", "x2", "x3", "x4", "x5", "x6"], data.Select(t => t!["xaxis"]!.GetValue<string>()));
        // Reading order: the three images, then their three labels.
        var titles = fig["layout"]!["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>());
        Assert.Equal(picks.Select(i => train.Names[i]).Concat(["label", "label", "label"]), titles);
        Assert.False(fig["layout"]!["xaxis6"]!["visible"]!.GetValue<bool>());
        Assert.False(fig["layout"]!["yaxis"]!["visible"]!.GetValue<bool>());
        Assert.Equal(1200, fig["layout"]!["width"]!.GetValue<int>());
    }

    [Fact]
    public void ClassFrequencies_GroupsTrainAndValSharesOfLabelledPixels_OnALogAxis()
    {
        var fig = ChartDisplay.FigureJson(CamVidBaselineFigures.ClassFrequencies(R));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["train", "val"], data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.All(data, t => Assert.Equal("bar", t!["type"]!.GetValue<string>()));
        Assert.Equal(CamVid.ClassNames, Texts(data[0]!["x"]));
        Assert.Equal([0.2, 0.1, 0.1, 0.3, 0.1, 0.05, 0.05, 0.04, 0.03, 0.02, 0.01], Numbers(data[0]!["y"]), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal(0.2, Numbers(data[1]!["y"])[0], 12); // 100 of 500 labelled val pixels
        var layout = fig["layout"]!;
        Assert.Equal("group", layout["barmode"]!.GetValue<string>());
        Assert.Equal("log", layout["yaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("class (Unlabelled: 20.0% of train pixels, excluded)", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void TrainingCurves_PutsLossLeftAndValMeanIoURight_OnlyAtTheEvaluatedEpochs()
    {
        var fig = ChartDisplay.FigureJson(CamVidBaselineFigures.TrainingCurves(R));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["U-Net", "DeepLabV3+", "U-Net", "DeepLabV3+"], data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(["x", "x", "x2", "x2"], data.Select(t => t!["xaxis"]!.GetValue<string>()));
        Assert.Equal([true, true, false, false], data.Select(t => t!["showlegend"]!.GetValue<bool>()));
        Assert.Equal([1.0, 2, 3, 4], Numbers(data[0]!["x"]));
        Assert.Equal([2.0, 1.5, 1.2, 1.0], Numbers(data[0]!["y"]));
        Assert.Equal([2.0, 4], Numbers(data[2]!["x"]));
        Assert.Equal([30.0, 51.234], Numbers(data[2]!["y"]));
        Assert.Equal(["#1f77b4", "#d62728"], data.Take(2).Select(t => t!["line"]!["color"]!.GetValue<string>()));
        Assert.Equal("epoch", fig["layout"]!["xaxis2"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void PerClassIoU_OrdersClassesByTrainFrequency_AndDrawsAnUnscoredClassAsZero()
    {
        var fig = ChartDisplay.FigureJson(CamVidBaselineFigures.PerClassIoU(R));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["U-Net (mIoU 51.23)", "DeepLabV3+ (mIoU 49.88)"], data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(["Road", "Sky", "Building", "Pole"], Texts(data[0]!["x"]).Take(4));
        Assert.Equal([60.0, 90, 80, 70, 50, 40, 30, 20, 10, 0, 0], Numbers(data[0]!["y"]));
        Assert.Equal(12.3456, Numbers(data[1]!["y"])[^1]);
        Assert.Equal([0.0, 100], Numbers(fig["layout"]!["yaxis"]!["range"]));
    }

    [Fact]
    public void Confusion_NormalisesEachTrueRowTo100_AndWritesTheRecallOnTheDiagonal()
    {
        var fig = ChartDisplay.FigureJson(CamVidBaselineFigures.Confusion(R, "U-Net"));
        var heatmap = fig["data"]!.AsArray().Single()!;
        Assert.Equal("heatmap", heatmap["type"]!.GetValue<string>());
        var z = heatmap["z"]!.AsArray().Select(Numbers).ToArray();
        Assert.Equal([25.0, 0, 75, 0, 0, 0, 0, 0, 0, 0, 0], z[2]);
        Assert.Equal(100, z[0][0]);
        Assert.All(z[10], v => Assert.Equal(0, v)); // a class with no val pixels: an empty row, not NaN
        Assert.Equal(0, heatmap["zmin"]!.GetValue<double>());
        Assert.Equal(100, heatmap["zmax"]!.GetValue<double>());
        var layout = fig["layout"]!;
        Assert.Equal(CamVid.ClassNames, Texts(layout["yaxis"]!["ticktext"]));
        Assert.Equal("reversed", layout["yaxis"]!["autorange"]!.GetValue<string>());
        Assert.Equal("predicted", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        var diagonal = layout["annotations"]!.AsArray();
        Assert.Equal(["100", "75", "0"], new[] { 0, 1, 10 }.Select(i => diagonal[i]!["text"]!.GetValue<string>()));
        Assert.Equal([2.0, 2.0], new[] { diagonal[2]!["x"]!.GetValue<double>(), diagonal[2]!["y"]!.GetValue<double>() });
        Assert.Equal(["black", "white"], new[] { 1, 10 }.Select(i => diagonal[i]!["font"]!["color"]!.GetValue<string>()));
    }

    [Fact]
    public void PredictionGrid_ShowsImageTruthAndEachModel_OneRowPerKeptImage()
    {
        var fig = ChartDisplay.FigureJson(CamVidBaselineFigures.PredictionGrid(R));
        var data = fig["data"]!.AsArray();
        Assert.Equal(4, data.Count);
        Assert.All(data, t => Assert.Equal("image", t!["type"]!.GetValue<string>()));
        var titles = fig["layout"]!["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>());
        Assert.Equal([R.ValNames[0], "ground truth", "U-Net", "DeepLabV3+"], titles);
        Assert.False(fig["layout"]!["xaxis4"]!["visible"]!.GetValue<bool>());
        Assert.Equal((1200, 330), (fig["layout"]!["width"]!.GetValue<int>(), fig["layout"]!["height"]!.GetValue<int>()));
    }
}
