using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class ScatterTests
{
    [Fact]
    public void Scatter_WritesTypeAxesXYAndLinesMode()
    {
        var json = new Scatter([1, 2, 4], [0.5, 0.25, 0.125]) { Name = "train" }.ToJsonObject();

        Assert.Equal("scatter", json["type"]!.GetValue<string>());
        Assert.Equal("train", json["name"]!.GetValue<string>());
        Assert.Equal("x", json["xaxis"]!.GetValue<string>());
        Assert.Equal("y", json["yaxis"]!.GetValue<string>());
        Assert.Equal("[1,2,4]", json["x"]!.ToJsonString());
        Assert.Equal("[0.5,0.25,0.125]", json["y"]!.ToJsonString());
        Assert.Equal("lines", json["mode"]!.GetValue<string>());
        Assert.Null(json["error_y"]);
    }

    [Fact]
    public void NonFiniteValues_BecomeNull()
    {
        var json = new Scatter([1, 2, 3, 4], [1, double.NaN, double.PositiveInfinity, double.NegativeInfinity]).ToJsonObject();
        Assert.Equal("[1,null,null,null]", json["y"]!.ToJsonString());
    }

    [Fact]
    public void ErrorBarsDashColourAndMarkers_UsePlotlyForms()
    {
        var scatter = new Scatter([2, 4], [60.5, 55])
        {
            Mode = ScatterMode.Lines | ScatterMode.Markers,
            ErrorY = [1.5, 0.5],
            Dash = LineDash.DashDot,
            Color = "#ff0000",
            LineWidth = 3,
            MarkerSize = 8,
            XAxis = AxisRef.X(2),
            YAxis = AxisRef.Y(2),
        };

        var json = scatter.ToJsonObject();

        Assert.Equal("lines+markers", json["mode"]!.GetValue<string>());
        Assert.Equal("""{"type":"data","array":[1.5,0.5],"visible":true}""", json["error_y"]!.ToJsonString());
        Assert.Equal("""{"dash":"dashdot","color":"#ff0000","width":3}""", json["line"]!.ToJsonString());
        Assert.Equal("""{"color":"#ff0000","size":8}""", json["marker"]!.ToJsonString());
        Assert.Equal("x2", json["xaxis"]!.GetValue<string>());
        Assert.Equal("y2", json["yaxis"]!.GetValue<string>());
    }

    [Fact]
    public void MismatchedLengths_AreRejected()
    {
        Assert.Throws<ArgumentException>(() => new Scatter([1, 2], [1]));
        var scatter = new Scatter([1, 2], [1, 2]) { ErrorY = [1] };
        var error = Assert.Throws<ArgumentException>(() => scatter.ToJsonObject());
        Assert.Equal("ErrorY has 1 values for 2 points.", error.Message);
    }

    [Fact]
    public void AxisOfTheWrongLetter_IsRejected()
    {
        var scatter = new Scatter([1], [1]) { XAxis = AxisRef.Y(2) };
        Assert.Throws<ArgumentException>(() => scatter.ToJsonObject());
    }

    [Fact]
    public void FillToPrevious_WritesTonextyWithItsColour()
    {
        var json = new Scatter([1, 2], [3, 4]) { FillToPrevious = true, FillColor = "rgba(0,0,255,0.2)" }.ToJsonObject();
        Assert.Equal("tonexty", json["fill"]!.GetValue<string>());
        Assert.Equal("rgba(0,0,255,0.2)", json["fillcolor"]!.GetValue<string>());
        Assert.Null(new Scatter([1], [2]).ToJsonObject()["fill"]);
    }
}
