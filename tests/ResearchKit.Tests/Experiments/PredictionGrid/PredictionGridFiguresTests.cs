using System.Text.Json.Nodes;
using ResearchKit.Charts;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Experiments.PredictionGrid;
using ResearchKit.Repro;
using ResearchKit.Tests.Experiments.LabelSpectra;
using static ResearchKit.Tests.Support.JsonArrays;

namespace ResearchKit.Tests.Experiments.PredictionGrid;

public sealed class PredictionGridFiguresTests
{
    /// <summary>Smoke's arms s = 8 and 16 (f = 8) over seeds 0 and 1: s = 8 scores 40 and 42, s = 16 scores 37 and 37.</summary>
    internal static PredictionGridResult TwoArmsTwoSeeds()
    {
        var cfg = PredictionGridConfig.Smoke with { Seeds = [0, 1] };
        GridRun Run(int s, int stride, int seed, double miou, double thin, double seconds, double mib, bool reused) =>
            new(s, stride, seed, $"hash{s}{seed}", "0123456789abcdef", reused, miou, thin, [], seconds, mib, 12_345_678);
        return new PredictionGridResult(cfg, RunManifest.Start("tiny", cfg, 0), ["a", "b"],
        [
            Run(8, 1, 0, 40, 1, 600, 0, true), Run(8, 1, 1, 42, 3, 660, 0, false),
            Run(16, 2, 0, 37, 0.5, 300, 450.4, false), Run(16, 2, 1, 37, 0.5, 312, 470.6, false),
        ]);
    }

    [Fact]
    public void MeanIoUAgainstGrid_PlotsTrainedAndOracleLeft_ThinClassesRight_WithTheCutoffsOnBothPanels()
    {
        LabelSpectraResult spectra = TinyLabelSpectra.Result(); // oracle at s = 4, 8, 16; s* = 2 and 1.5
        var figure = ChartDisplay.FigureJson(PredictionGridFigures.MeanIoUAgainstGrid(TwoArmsTwoSeeds(), spectra));
        var data = figure["data"]!.AsArray();
        var layout = figure["layout"]!;

        Assert.Equal(["trained", "label-only oracle (majority blocks, NB01)", "trained, thin classes"], data.Select(t => (string)t!["name"]!));
        Assert.Equal(["x", "x", "x2"], data.Select(t => (string)t!["xaxis"]!));
        Assert.Equal([41, 37], Numbers(data[0]!["y"]));
        var std = Numbers(data[0]!["error_y"]!["array"]); // sample std over the two seeds
        Assert.Equal(Math.Sqrt(2), std[0], 12);
        Assert.Equal(0.0, std[1]);
        // The oracle starts at the finest trained arm, s = 8, and is dashed.
        Assert.Equal([8, 16], Numbers(data[1]!["x"]));
        Assert.Equal("dash", (string)data[1]!["line"]!["dash"]!);
        Assert.Equal([2, 0.5], Numbers(data[2]!["y"]));
        foreach (var axis in new[] { "xaxis", "xaxis2" })
        {
            Assert.Equal("log", (string)layout[axis]!["type"]!);
            Assert.Equal([8, 16], Numbers(layout[axis]!["tickvals"]));
        }
        Assert.Equal("mIoU (%)", (string)layout["yaxis"]!["title"]!["text"]!);
        Assert.Equal([0, 100], Numbers(layout["yaxis2"]!["range"]));
        var shapes = layout["shapes"]!.AsArray();
        Assert.Equal([("x", 2.0), ("x", 1.5), ("x2", 2.0), ("x2", 1.5)], shapes.Select(s => ((string)s!["xref"]!, (double)s["x0"]!)));
        Assert.Equal(["y domain", "y domain", "y2 domain", "y2 domain"], shapes.Select(s => (string)s!["yref"]!));
        var label = layout["annotations"]!.AsArray().Single(a => (string?)a!["text"] == "s*(0.90)=2")!;
        Assert.Equal(("x", Math.Log10(2 * 1.04), 5.0), ((string)label["xref"]!, (double)label["x"]!, (double)label["y"]!));
        Assert.Contains(layout["annotations"]!.AsArray(), a => (string?)a!["text"] == "val mIoU");
        Assert.Equal("h", (string)layout["legend"]!["orientation"]!);
        Assert.EndsWith("(2 seeds per s)", (string)layout["title"]!["text"]!);
    }
}
