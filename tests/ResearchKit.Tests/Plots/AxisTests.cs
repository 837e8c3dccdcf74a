using System.Text.Json.Nodes;
using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class AxisTests
{
    private static Axis NewAxis() => new Layout().XAxis;

    [Fact]
    public void UnsetAxis_WritesAnEmptyObject()
    {
        Assert.Equal("{}", NewAxis().ToJsonObject().ToJsonString());
    }

    [Fact]
    public void LogAxis_WritesTypeTitleObjectAndRangeInLog10()
    {
        var axis = NewAxis();
        axis.Type = AxisType.Log;
        axis.Title = "K";
        axis.Range = (1, 100);

        var json = axis.ToJsonObject();

        Assert.Equal("log", json["type"]!.GetValue<string>());
        Assert.Equal("K", json["title"]!["text"]!.GetValue<string>());
        Assert.Equal([0.0, 2.0], json["range"]!.AsArray().Select(v => v!.GetValue<double>()));
    }

    [Fact]
    public void LinearRange_IsWrittenAsGiven()
    {
        var axis = NewAxis();
        axis.Range = (-0.5, 3);
        Assert.Equal("[-0.5,3]", axis.ToJsonObject()["range"]!.ToJsonString());
    }

    [Fact]
    public void LogRangeWithZero_IsRejectedNamingTheAxis()
    {
        var axis = NewAxis();
        axis.Type = AxisType.Log;
        axis.Range = (0, 10);
        var error = Assert.Throws<ArgumentException>(() => axis.ToJsonObject());
        Assert.Contains("'x'", error.Message);
    }

    [Fact]
    public void SecondAxisWiring_AndTicks_UsePlotlyNames()
    {
        var axis = new Layout().Axis(AxisRef.Y(2));
        axis.Overlaying = AxisRef.Y();
        axis.Side = AxisSide.Right;
        axis.Anchor = AxisRef.X();
        axis.TickVals = [1, 10];
        axis.TickText = ["a", "b"];
        axis.Reversed = true;
        axis.ScaleAnchor = AxisRef.X();

        var json = axis.ToJsonObject();

        Assert.Equal("y", json["overlaying"]!.GetValue<string>());
        Assert.Equal("right", json["side"]!.GetValue<string>());
        Assert.Equal("x", json["anchor"]!.GetValue<string>());
        Assert.Equal("[1,10]", json["tickvals"]!.ToJsonString());
        Assert.Equal("[\"a\",\"b\"]", json["ticktext"]!.ToJsonString());
        Assert.Equal("reversed", json["autorange"]!.GetValue<string>());
        Assert.Equal("x", json["scaleanchor"]!.GetValue<string>());
        Assert.Equal(AxisRef.Y(2), axis.Ref);
    }

    [Fact]
    public void NonFiniteTickValue_BecomesNull()
    {
        var axis = NewAxis();
        axis.TickVals = [1, double.NaN, double.PositiveInfinity];
        Assert.Equal("[1,null,null]", axis.ToJsonObject()["tickvals"]!.ToJsonString());
    }
}
