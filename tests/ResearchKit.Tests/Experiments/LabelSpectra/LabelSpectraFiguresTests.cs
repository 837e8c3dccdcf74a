using System.Text.Json.Nodes;
using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;
using static ResearchKit.Tests.Support.JsonArrays;

namespace ResearchKit.Tests.Experiments.LabelSpectra;

public sealed class LabelSpectraFiguresTests
{
    private static readonly LabelSpectraResult Tiny = TinyLabelSpectra.Result();

    private static JsonObject Annotation(JsonObject figure, string text) =>
        figure["layout"]!["annotations"]!.AsArray().Single(a => (string?)a!["text"] == text)!.AsObject();

    [Fact]
    public void ExampleSpectra_ShowsImageAndLabel_ThenThreeClassSpectraWithOneColourBar()
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("train");
        var figure = ChartDisplay.FigureJson(LabelSpectraFigures.ExampleSpectra(split, 0));
        var data = figure["data"]!.AsArray();
        var layout = figure["layout"]!;

        // Cell 3 holds Plotly.NET's invisible placeholder (a trace without a type) so the spectra start the second row.
        Assert.Equal(["image", "image", null, "heatmap", "heatmap", "heatmap"], data.Select(t => (string?)t!["type"]));
        Assert.Equal("x3", (string)data[2]!["xaxis"]!);
        Assert.StartsWith("data:image/png;base64,", (string)data[0]!["source"]!);
        var spectra = data.Skip(3).ToArray();
        Assert.Equal(["Road", "Car", "Pole"], spectra.Select(t => (string)t!["name"]!));
        // The centre |f| ≤ 1/4 of a 360×480 plane: 181 rows of f_y, 241 columns of f_x, from −1/4 to 1/4.
        var z = spectra[2]!["z"]!.AsArray();
        Assert.Equal((181, 241), (z.Count, z[0]!.AsArray().Count));
        Assert.Equal((-0.25, 0.25), (Numbers(spectra[2]!["x"])[0], Numbers(spectra[2]!["x"])[^1]));
        Assert.Equal([false, false, true], spectra.Select(t => (bool)t!["showscale"]!));
        Assert.Equal(0.0, (double)spectra[2]!["zmin"]!);
        Assert.Equal("log(1+|Y|)", (string)spectra[2]!["colorbar"]!["title"]!["text"]!);
        Assert.False((bool)layout["xaxis"]!["visible"]!);
        Assert.False((bool)layout["yaxis3"]!["visible"]!);
        Assert.Equal("f_x (cycles/pixel)", (string)layout["xaxis6"]!["title"]!["text"]!);
        Assert.Equal("f_y (cycles/pixel)", (string)layout["yaxis4"]!["title"]!["text"]!);
        Assert.Equal("paper", (string)Annotation(figure, "log(1+|Y|) Pole")["xref"]!);
        Assert.Equal(1200, (int)layout["width"]!);
    }

    [Fact]
    public void RadialProfile_DrawsAllClassesAndEachThinClass_NormalisedAndSkippingDcAndEmptyRings()
    {
        var figure = ChartDisplay.FigureJson(LabelSpectraFigures.RadialProfile(Tiny));
        var data = figure["data"]!.AsArray();

        Assert.Equal(["all classes", .. CamVid.ThinClasses], data.Select(t => (string)t!["name"]!));
        // Rings 1..6 of a 12-row plane at ρ/H; each share is the ring's power over the sum of all rings (17.85).
        Assert.Equal([1 / 12.0, 2 / 12.0, 3 / 12.0, 4 / 12.0, 5 / 12.0, 6 / 12.0], Numbers(data[0]!["x"]));
        Assert.Equal(4 / 17.85, Numbers(data[0]!["y"])[0], 12);
        Assert.Equal(3.0, (double)data[0]!["line"]!["width"]!);
        // Pole's ring 3 holds no power: it has no place on a log axis and is left out.
        Assert.Equal([1 / 12.0, 2 / 12.0, 4 / 12.0, 5 / 12.0, 6 / 12.0], Numbers(data[1]!["x"]));
        Assert.Equal(("log", "log"), ((string)figure["layout"]!["xaxis"]!["type"]!, (string)figure["layout"]!["yaxis"]!["type"]!));
        Assert.Equal("share of Σ|Y_c|² in the ring", (string)figure["layout"]!["yaxis"]!["title"]!["text"]!);
    }

    [Fact]
    public void EnergyRatio_MarksEachCutoffWithTauAndKLines_AndLabelsTheGridFactorOnATopAxis()
    {
        var figure = ChartDisplay.FigureJson(LabelSpectraFigures.EnergyRatio(Tiny));
        var data = figure["data"]!.AsArray();
        var layout = figure["layout"]!;

        Assert.Equal(["E(K), labels", "share of the DFT plane in B_K (white noise)", "top axis"], data.Select(t => (string)t!["name"]!));
        Assert.Equal(EnergyRatio(1..), Numbers(data[0]!["y"]));
        Assert.Equal(Enumerable.Range(1, 6).Select(k => LabelSpectraFigures.BandShareOfK(12, 16, k)), Numbers(data[1]!["y"]));
        Assert.Equal("dash", (string)data[1]!["line"]!["dash"]!);
        Assert.Equal(("x2", 0.0), ((string)data[2]!["xaxis"]!, (double)data[2]!["opacity"]!));
        Assert.Equal("log", (string)layout["xaxis"]!["type"]!);
        Assert.Equal([0, Math.Log10(6)], Numbers(layout["xaxis"]!["range"]));
        var top = layout["xaxis2"]!;
        Assert.Equal(("x", "top", "grid factor s = H/(2K)"), ((string)top["overlaying"]!, (string)top["side"]!, (string)top["title"]!["text"]!));
        Assert.Equal([6, 3, 1.5, 0.75, 0.5, 0.25, 0.15, 0.05], Numbers(top["tickvals"])); // H/(2s) for s = 1, 2, 4, ..., 120
        Assert.Equal("120", Texts(top["ticktext"])[^1]);
        var shapes = layout["shapes"]!.AsArray();
        Assert.Equal([0.90, 0.90, 3, 3, 0.95, 0.95, 4, 4], shapes.SelectMany(s => (string)s!["yref"]! == "y" ? new[] { (double)s["y0"]!, (double)s["y1"]! }
            : [(double)s["x0"]!, (double)s["x1"]!]));
        Assert.Equal(["gray", ChartStyle.ReferenceColour], shapes.Take(2).Select(s => (string)s!["line"]!["color"]!));
        // K* = 3 lies in the right two thirds of K = 1..6: its label sits left of the line, at log10 of 0.95·K.
        var label = Annotation(figure, "τ=0.90: K*=3, s*=2");
        Assert.Equal(("right", Math.Log10(0.95 * 3)), ((string)label["xanchor"]!, (double)label["x"]!));
        Assert.Equal("container", (string)layout["title"]!["yref"]!);
    }

    private static double[] EnergyRatio(Range range) => TinyLabelSpectra.EnergyRatio[range];

    [Fact]
    public void ClassConcentration_GroupsOneBarPerClassFactor_ClassesSortedByPixelShare()
    {
        var figure = ChartDisplay.FigureJson(LabelSpectraFigures.ClassConcentration(Tiny));
        var data = figure["data"]!.AsArray();

        Assert.Equal(["s = 2", "s = 4"], data.Select(t => (string)t!["name"]!));
        Assert.All(data, t => Assert.Equal("bar", (string)t!["type"]!));
        Assert.Equal(["Road (90.0%)", "Pole (10.0%)"], Texts(data[0]!["x"]));
        Assert.Equal([0.9, 0.3], Numbers(data[1]!["y"]));
        Assert.Equal("group", (string)figure["layout"]!["barmode"]!);
        Assert.Equal([0, 1], Numbers(figure["layout"]!["yaxis"]!["range"]));
    }

    [Fact]
    public void Oracle_DrawsThreeRulesOnALogGridAxis_WithTheCutoffsMarkedAndLabelled()
    {
        var figure = ChartDisplay.FigureJson(LabelSpectraFigures.Oracle(Tiny));
        var data = figure["data"]!.AsArray();
        var layout = figure["layout"]!;

        Assert.Equal(["majority", "nearest-centre", "nearest-top-left (half a block out of phase)"], data.Select(t => (string)t!["name"]!));
        Assert.All(data, t => Assert.Equal("lines+markers", (string)t!["mode"]!));
        Assert.Equal("dash", (string)data[2]!["line"]!["dash"]!);
        Assert.Equal([85, 70, 40], Numbers(data[2]!["y"]));
        Assert.Equal(("log", "grid factor s"), ((string)layout["xaxis"]!["type"]!, (string)layout["xaxis"]!["title"]!["text"]!));
        Assert.Equal([4, 8, 16], Numbers(layout["xaxis"]!["tickvals"]));
        Assert.Equal([2, 1.5], layout["shapes"]!.AsArray().Select(s => (double)s!["x0"]!));
        var label = Annotation(figure, "s*(0.95)");
        Assert.Equal((Math.Log10(1.5 * 1.02), 102.0), ((double)label["x"]!, (double)label["y"]!));
        Assert.Equal([0, 105], Numbers(layout["yaxis"]!["range"]));
    }

    [Fact]
    public void BlockErrors_DrawsOneLogLogCurvePerBlockSize_ZerosClippedToAFloor_AndTheCutoffsMarked()
    {
        var figure = ChartDisplay.FigureJson(LabelSpectraFigures.BlockErrors(Tiny));
        var data = figure["data"]!.AsArray();
        var layout = figure["layout"]!;

        Assert.Equal(["b = 2 (48 tiles/image)", "b = 4 (12 tiles/image)"], data.Select(t => (string)t!["name"]!));
        Assert.Equal([1e-9, 0.002, 0.01, 0.02, 0.05, 0.1], Numbers(data[0]!["y"]));
        Assert.Equal(("log", "log"), ((string)layout["xaxis"]!["type"]!, (string)layout["yaxis"]!["type"]!));
        Assert.Equal([3, 4], layout["shapes"]!.AsArray().Select(s => (double)s!["x0"]!));
        Assert.All(layout["shapes"]!.AsArray(), s => Assert.Equal(("y domain", "dot"), ((string)s!["yref"]!, (string)s["line"]!["dash"]!)));
    }
}
