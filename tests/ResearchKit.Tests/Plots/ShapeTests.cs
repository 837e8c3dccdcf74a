using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class ShapeTests
{
    [Fact]
    public void VerticalLine_SpansTheSubplotHeightAtADataX()
    {
        var json = Shape.VerticalLine(22.5, dash: LineDash.Dash, color: "gray").ToJsonObject();

        Assert.Equal("line", json["type"]!.GetValue<string>());
        Assert.Equal("x", json["xref"]!.GetValue<string>());
        Assert.Equal("y domain", json["yref"]!.GetValue<string>());
        Assert.Equal((22.5, 22.5), (json["x0"]!.GetValue<double>(), json["x1"]!.GetValue<double>()));
        Assert.Equal((0.0, 1.0), (json["y0"]!.GetValue<double>(), json["y1"]!.GetValue<double>()));
        Assert.Equal("""{"color":"gray","dash":"dash"}""", json["line"]!.ToJsonString());
    }

    [Fact]
    public void HorizontalLine_OnSecondSubplot_UsesItsAxes()
    {
        var json = Shape.HorizontalLine(0.5, AxisRef.Y(2), AxisRef.X(2)).ToJsonObject();

        Assert.Equal("x2 domain", json["xref"]!.GetValue<string>());
        Assert.Equal("y2", json["yref"]!.GetValue<string>());
        Assert.Equal((0.0, 1.0), (json["x0"]!.GetValue<double>(), json["x1"]!.GetValue<double>()));
        Assert.Equal((0.5, 0.5), (json["y0"]!.GetValue<double>(), json["y1"]!.GetValue<double>()));
        Assert.Equal("{}", json["line"]!.ToJsonString());
    }

    [Fact]
    public void NonFiniteCoordinate_BecomesNull()
    {
        var json = Shape.Line(0, double.NaN, 1, 1, AxisRef.Paper, AxisRef.Paper).ToJsonObject();
        Assert.Null(json["y0"]);
        Assert.True(json.ContainsKey("y0"));
        Assert.Equal("paper", json["xref"]!.GetValue<string>());
    }
}
