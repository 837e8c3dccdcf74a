using System.Text.Json.Nodes;
using ResearchKit.Charts;
using ResearchKit.Experiments.FeatureTruncation;
using static ResearchKit.Tests.Support.JsonArrays;

namespace ResearchKit.Tests.Experiments.FeatureTruncation;

/// <summary>NB04's figures read back as plotly JSON, built from <see cref="FeatureTruncationSample"/>.</summary>
public sealed class FeatureTruncationFiguresTests
{

    [Fact]
    public void MeanIoUAgainstMacs_DrawsTrainedSolidAndTestOnlyDashed_FromTheTrainedT1Point_WithTheSeedsStd()
    {
        var fig = ChartDisplay.FigureJson(FeatureTruncationFigures.MeanIoUAgainstMacs(FeatureTruncationSample.Result()));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["AreaDownsample, trained", "SpectralCrop, trained", "AreaDownsample, t = 1 model truncated at test only",
            "SpectralCrop, t = 1 model truncated at test only"], data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal(["solid", "solid", "dash", "dash"], data.Select(t => t!["line"]!["dash"]!.GetValue<string>()));
        Assert.Equal(["#1f77b4", "#2ca02c"], data.Take(2).Select(t => t!["line"]!["color"]!.GetValue<string>()));
        Assert.Equal([400.0, 100, 25], Numbers(data[2]!["x"]));
        Assert.Equal([41.0, 35, 30], Numbers(data[2]!["y"])); // the test-only curve starts at the trained t = 1 mean
        Assert.Equal([41.0, 40, 37], Numbers(data[0]!["y"]));
        Assert.Equal(Math.Sqrt(2), Numbers(data[0]!["error_y"]!["array"])[0], 12);
        var layout = fig["layout"]!;
        Assert.Equal("log", layout["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("decoder + head MMACs per val image (convs only)", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("TinyUNet, decoder truncated by t: val mIoU against decoder cost", layout["title"]!["text"]!.GetValue<string>());
        // t labels on the trained points only, 1.5 above them, x in log10 units (plotly's annotations on a log axis).
        var labels = layout["annotations"]!.AsArray();
        Assert.Equal(["t=1", "t=2", "t=4", "t=1", "t=2", "t=4"], labels.Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal(Math.Log10(100), labels[1]!["x"]!.GetValue<double>(), 12);
        Assert.Equal(41.5, labels[1]!["y"]!.GetValue<double>(), 12);
        Assert.Equal("h", layout["legend"]!["orientation"]!.GetValue<string>());
    }

    [Fact]
    public void MeanIoUAgainstStride_PutsTheCurvesOnTheLabelGrid_WithTheCutoffsAsDottedReferenceLines()
    {
        var r = FeatureTruncationSample.Result();
        int f = r.Config.Base.Factor;
        var fig = ChartDisplay.FigureJson(FeatureTruncationFigures.MeanIoUAgainstStride(r, FeatureTruncationSample.Spectra()));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["AreaDownsample, trained", "SpectralCrop, trained", "AreaDownsample, test only", "SpectralCrop, test only"],
            data.Select(t => t!["name"]!.GetValue<string>()));
        Assert.Equal([1.0 * f, 2 * f, 4 * f], Numbers(data[0]!["x"]));
        Assert.Equal([41.0, 41, 38], Numbers(data[1]!["y"]));
        var layout = fig["layout"]!;
        Assert.Equal("log", layout["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal([1.0 * f, 2 * f, 4 * f], Numbers(layout["xaxis"]!["tickvals"]));
        Assert.Equal([$"{f} (t=1)", $"{2 * f} (t=2)", $"{4 * f} (t=4)"], Texts(layout["xaxis"]!["ticktext"]));
        var shapes = layout["shapes"]!.AsArray();
        Assert.Equal([20.0, 7.5, 1.8], shapes.Select(s => s!["x0"]!.GetValue<double>()));
        Assert.All(shapes, s => Assert.Equal(("dot", ChartStyle.ReferenceColour), (s!["line"]!["dash"]!.GetValue<string>(), s["line"]!["color"]!.GetValue<string>())));
        var labels = layout["annotations"]!.AsArray();
        Assert.Equal(["s*(0.90)=20", "s*(0.95)=7.5", "s*(0.99)=1.8"], labels.Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal(Math.Log10(7.5 * 1.04), labels[1]!["x"]!.GetValue<double>(), 12);
        Assert.Equal([0.0, 100], Numbers(layout["yaxis"]!["range"]));
    }
}
