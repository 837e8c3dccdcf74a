using System.Text.Json.Nodes;
using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class FigureTests
{
    internal static Figure EnergyCurve()
    {
        var fig = new Figure("E(K) of CamVid train");
        fig.Add(new Scatter([1, 10, 100], [0.1, 0.6, double.NaN]) { Name = "train" })
           .Add(new Scatter([1, 10, 100], [0.2, 0.7, 0.99]) { Name = "val", Dash = LineDash.Dash });
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.XAxis.Title = "K";
        fig.Layout.YAxis.Title = "E(K)";
        return fig;
    }

    [Fact]
    public void ToJsonObject_HoldsDataAndLayout()
    {
        var json = EnergyCurve().ToJsonObject();

        Assert.Equal(["data", "layout"], json.Select(p => p.Key));
        Assert.Equal(2, json["data"]!.AsArray().Count);
        Assert.Equal("[1,10,100]", json["data"]![0]!["x"]!.ToJsonString());
        Assert.Equal("K", json["layout"]!["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("log", json["layout"]!["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal("E(K)", json["layout"]!["yaxis"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void ToJson_WritesNaNAsNull_AndKeepsNonAsciiReadable()
    {
        var fig = EnergyCurve();
        fig.Layout.Title = "σ · E(K)";
        string json = fig.ToJson();

        Assert.Contains("\"y\":[0.1,0.6,null]", json);
        Assert.Contains("σ · E(K)", json);
        Assert.Equal(2, JsonNode.Parse(json)!["data"]!.AsArray().Count);
    }

    [Fact]
    public void TopAxisWithoutTraces_GetsAnInvisibleCarrierTrace()
    {
        var fig = EnergyCurve();
        var top = fig.Layout.AddOverlayAxis(AxisRef.X(), AxisSide.Top);
        top.Type = AxisType.Log;
        top.Matches = AxisRef.X();
        top.TickVals = [180, 45];
        top.TickText = ["1", "4"];

        var json = fig.ToJsonObject();

        var data = json["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        Assert.Equal("""{"type":"scatter","x":[],"y":[],"xaxis":"x2","yaxis":"y","visible":false}""", data[2]!.ToJsonString());
        var xaxis2 = json["layout"]!["xaxis2"]!;
        Assert.Equal(("x", "top", "y", "x"), (xaxis2["overlaying"]!.GetValue<string>(), xaxis2["side"]!.GetValue<string>(),
            xaxis2["anchor"]!.GetValue<string>(), xaxis2["matches"]!.GetValue<string>()));
        Assert.Equal("[180,45]", xaxis2["tickvals"]!.ToJsonString());
    }

    [Fact]
    public void SecondYAxisUsedByATrace_NeedsNoCarrier()
    {
        var fig = EnergyCurve();
        var right = fig.Layout.AddOverlayAxis(AxisRef.Y(), AxisSide.Right);
        fig.Add(new Scatter([1, 10], [5, 6]) { YAxis = right.Ref });

        var data = fig.ToJsonObject()["data"]!.AsArray();

        Assert.Equal(3, data.Count);
        Assert.Equal("y2", data[2]!["yaxis"]!.GetValue<string>());
        Assert.True(data.All(t => t!["visible"] is null));
    }

    [Fact]
    public void Subplots2x2_HaveDefaultDomainsAnchorsAndTitles()
    {
        var fig = Figure.Subplots(2, 2, "a", "b", "c");
        var layout = fig.ToJsonObject()["layout"]!;

        // Spacing 0.2/2 = 0.1 across and 0.3/2 = 0.15 down: cells 0.45 wide and 0.425 high, row 1 on top.
        AssertDomain(layout["xaxis"]!, 0, 0.45);
        AssertDomain(layout["xaxis2"]!, 0.55, 1);
        AssertDomain(layout["yaxis"]!, 0.575, 1);
        AssertDomain(layout["yaxis3"]!, 0, 0.425);
        AssertDomain(layout["xaxis4"]!, 0.55, 1);
        Assert.Equal("y2", layout["xaxis2"]!["anchor"]!.GetValue<string>());
        Assert.Equal("x3", layout["yaxis3"]!["anchor"]!.GetValue<string>());
        var titles = layout["annotations"]!.AsArray();
        Assert.Equal(["a", "b", "c"], titles.Select(t => t!["text"]!.GetValue<string>()));
        Assert.Equal(0.775, titles[1]!["x"]!.GetValue<double>(), 12);
        Assert.Equal(0.425, titles[2]!["y"]!.GetValue<double>(), 12);
        Assert.Equal("paper", titles[2]!["xref"]!.GetValue<string>());
    }

    [Fact]
    public void AddToCell_SetsTheCellAxesOrTableDomain()
    {
        var fig = Figure.Subplots(2, 2);
        var heatmap = new Heatmap(new double[2, 2]);
        var table = new Table(["a"], [["1"]]);
        fig.Add(heatmap, 2, 2).Add(table, 1, 2);
        fig.XAxis(2, 2).Title = "fx";

        Assert.Equal((AxisRef.X(4), AxisRef.Y(4)), (heatmap.XAxis, heatmap.YAxis));
        Assert.Equal((0.55, 1.0), (table.DomainX!.Value.Start, table.DomainX.Value.End), new ToleranceComparer());
        Assert.Equal((0.575, 1.0), (table.DomainY!.Value.Start, table.DomainY.Value.End), new ToleranceComparer());
        Assert.Equal("fx", fig.ToJsonObject()["layout"]!["xaxis4"]!["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void HeatmapInACell_GetsItsColourBarBesideThatCell()
    {
        var fig = Figure.Subplots(2, 2);
        var own = new Heatmap(new double[1, 1]) { ColorbarX = 0.3 };
        fig.Add(new Heatmap(new double[1, 1]), 2, 1).Add(own, 1, 2);

        var bar = fig.ToJsonObject()["data"]![0]!["colorbar"]!;

        Assert.Equal(0.46, bar["x"]!.GetValue<double>(), 12);      // right edge of column 1 (0.45) + 0.01
        Assert.Equal(0.2125, bar["y"]!.GetValue<double>(), 12);    // middle of row 2 (0 .. 0.425)
        Assert.Equal(0.425, bar["len"]!.GetValue<double>(), 12);
        Assert.Equal(0.3, own.ColorbarX);                          // a position set by the caller is kept
        Assert.Null(new Figure().Add(new Heatmap(new double[1, 1])).ToJsonObject()["data"]![0]!["colorbar"]);
    }

    [Fact]
    public void CellsOutsideTheGrid_AndBadGrids_AreRejected()
    {
        var fig = Figure.Subplots(1, 2);
        Assert.Throws<ArgumentException>(() => fig.CellAxes(2, 1));
        Assert.Throws<ArgumentException>(() => fig.Add(new Bar(["a"], [1]), 1, 3));
        Assert.Throws<ArgumentException>(() => Figure.Subplots(0, 1));
        Assert.Throws<ArgumentException>(() => Figure.Subplots(1, 1, "a", "b"));
        Assert.Throws<ArgumentException>(() => Figure.Subplots(1, 3, 0.5, 0.1));
    }

    [Fact]
    public void DisplayData_WithoutRenderer_HoldsThePlotlyObjectAndADescription()
    {
        var bundle = EnergyCurve().BuildDisplayData(renderer: null);

        Assert.Equal(["application/vnd.plotly.v1+json", "text/plain"], bundle.Select(p => p.Key));
        var plotly = Assert.IsType<JsonObject>(bundle[Figure.PlotlyMimeType]);
        Assert.Equal(2, plotly["data"]!.AsArray().Count);
        Assert.Null(plotly["config"]);
        Assert.Equal("Figure: 2 traces, \"E(K) of CamVid train\"", bundle["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void DisplayData_CarriesTheConfigWhenSet()
    {
        var fig = EnergyCurve();
        fig.Config = new FigureConfig { DisplayModeBar = false, Responsive = true };

        var plotly = fig.BuildDisplayData(renderer: null)[Figure.PlotlyMimeType]!;

        Assert.Equal("""{"responsive":true,"displayModeBar":false}""", plotly["config"]!.ToJsonString());
        Assert.Null(fig.ToJsonObject()["config"]);
    }

    [Fact]
    public void ToDisplayData_HasTheSignatureTheNotebookRunnerLooksFor()
    {
        foreach (var type in new[] { typeof(Figure), typeof(HtmlTable) })
        {
            var method = Assert.Single(type.GetMethods(), m => m.Name == "ToDisplayData");
            Assert.Empty(method.GetParameters());
            Assert.Equal(typeof(JsonObject), method.ReturnType);
            Assert.False(method.IsStatic);
        }
    }

    [Fact]
    public void Description_CountsTracesAndOmitsAMissingTitle()
    {
        Assert.Equal("Figure: 0 traces", new Figure().ToString());
        Assert.Equal("Figure: 1 trace, \"t\"", new Figure("t").Add(new Bar(["a"], [1])).ToString());
    }

    private static void AssertDomain(JsonNode axis, double start, double end)
    {
        var domain = axis["domain"]!.AsArray();
        Assert.Equal(start, domain[0]!.GetValue<double>(), 12);
        Assert.Equal(end, domain[1]!.GetValue<double>(), 12);
    }

    private sealed class ToleranceComparer : IEqualityComparer<(double, double)>
    {
        public bool Equals((double, double) a, (double, double) b) => Math.Abs(a.Item1 - b.Item1) < 1e-12 && Math.Abs(a.Item2 - b.Item2) < 1e-12;

        public int GetHashCode((double, double) obj) => 0;
    }
}
