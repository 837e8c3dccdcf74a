using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class LayoutTests
{
    [Fact]
    public void EmptyLayout_WritesNothing()
    {
        Assert.Equal("{}", new Layout().ToJsonObject().ToJsonString());
    }

    [Fact]
    public void TitleSizeMarginsAndBarMode_UsePlotlyForms()
    {
        var layout = new Layout { Title = "mIoU per class", Width = 640, Height = 400, Margin = new Margin(60, 20, 50, 40), BarMode = BarMode.Group, FontSize = 12, ShowLegend = false };
        var json = layout.ToJsonObject();

        Assert.Equal("""{"text":"mIoU per class"}""", json["title"]!.ToJsonString());
        Assert.Equal(640, json["width"]!.GetValue<int>());
        Assert.Equal(400, json["height"]!.GetValue<int>());
        Assert.Equal("""{"l":60,"r":20,"t":50,"b":40}""", json["margin"]!.ToJsonString());
        Assert.Equal("group", json["barmode"]!.GetValue<string>());
        Assert.Equal(12, json["font"]!["size"]!.GetValue<double>());
        Assert.False(json["showlegend"]!.GetValue<bool>());
    }

    [Fact]
    public void LegendPositions_WritePlotlyLegendObjects()
    {
        Assert.Null(new Layout().ToJsonObject()["legend"]);
        Assert.Equal("""{"orientation":"h","x":0,"y":-0.2,"yanchor":"top"}""",
            new Layout { Legend = LegendPosition.Below }.ToJsonObject()["legend"]!.ToJsonString());
        Assert.Equal("""{"x":0.99,"y":0.01,"xanchor":"right","yanchor":"bottom"}""",
            new Layout { Legend = LegendPosition.InsideBottomRight }.ToJsonObject()["legend"]!.ToJsonString());
    }

    [Fact]
    public void Axis_IsCreatedOnceAndWrittenUnderItsKey()
    {
        var layout = new Layout();
        layout.Axis(AxisRef.Y(2)).Title = "a";
        layout.Axis(AxisRef.Y(2)).Type = AxisType.Log;

        var json = layout.ToJsonObject();

        Assert.Single(layout.Axes);
        Assert.Equal("a", json["yaxis2"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("log", json["yaxis2"]!["type"]!.GetValue<string>());
    }

    [Fact]
    public void OverlayAxes_TakeTheNextFreeIndex_AndAreAnchoredToTheBasePartner()
    {
        var layout = new Layout();
        var top = layout.AddOverlayAxis(AxisRef.X(), AxisSide.Top);
        var right = layout.AddOverlayAxis(AxisRef.Y(), AxisSide.Right);
        var third = layout.AddOverlayAxis(AxisRef.X(), AxisSide.Top);

        Assert.Equal((AxisRef.X(2), AxisRef.Y(2), AxisRef.X(3)), (top.Ref, right.Ref, third.Ref));
        var json = layout.ToJsonObject();
        Assert.Equal("""{"overlaying":"x","side":"top","anchor":"y","automargin":true}""", json["xaxis2"]!.ToJsonString());
        Assert.Equal("""{"overlaying":"y","side":"right","anchor":"x","automargin":true}""", json["yaxis2"]!.ToJsonString());
    }

    [Fact]
    public void TopAxis_PinsTheTitleToTheTopEdge()
    {
        var layout = new Layout { Title = "E(K)" };
        Assert.Equal("""{"text":"E(K)"}""", layout.ToJsonObject()["title"]!.ToJsonString());

        layout.AddOverlayAxis(AxisRef.X(), AxisSide.Top);

        Assert.Equal("""{"text":"E(K)","yref":"container","y":1,"yanchor":"top","pad":{"t":12}}""", layout.ToJsonObject()["title"]!.ToJsonString());
    }

    [Fact]
    public void ShapesAndAnnotations_AreWrittenInOrder()
    {
        var layout = new Layout();
        layout.Shapes.Add(Shape.VerticalLine(1));
        layout.Shapes.Add(Shape.VerticalLine(2));
        layout.Annotations.Add(new Annotation("t", 1, 1));

        var json = layout.ToJsonObject();

        Assert.Equal([1.0, 2.0], json["shapes"]!.AsArray().Select(s => s!["x0"]!.GetValue<double>()));
        Assert.Equal("t", json["annotations"]![0]!["text"]!.GetValue<string>());
    }
}
