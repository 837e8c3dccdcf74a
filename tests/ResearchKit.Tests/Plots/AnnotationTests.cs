using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class AnnotationTests
{
    [Fact]
    public void Annotation_OnLinearAxes_KeepsDataPositions()
    {
        var note = new Annotation("s = 8", 22.5, 1, AxisRef.X(), AxisRef.Y().Domain)
        {
            XAnchor = TextAnchor.Left,
            YAnchor = TextAnchor.Bottom,
            FontSize = 10,
        };

        var json = note.ToJsonObject(new Layout());

        Assert.Equal("s = 8", json["text"]!.GetValue<string>());
        Assert.Equal(22.5, json["x"]!.GetValue<double>());
        Assert.Equal(1, json["y"]!.GetValue<double>());
        Assert.Equal("x", json["xref"]!.GetValue<string>());
        Assert.Equal("y domain", json["yref"]!.GetValue<string>());
        Assert.False(json["showarrow"]!.GetValue<bool>());
        Assert.Equal("left", json["xanchor"]!.GetValue<string>());
        Assert.Equal("bottom", json["yanchor"]!.GetValue<string>());
        Assert.Equal(10, json["font"]!["size"]!.GetValue<double>());
    }

    [Fact]
    public void Annotation_OnALogAxis_IsWrittenInLog10_ButDomainAndPaperAreNot()
    {
        var layout = new Layout();
        layout.XAxis.Type = AxisType.Log;
        layout.YAxis.Type = AxisType.Log;

        var onData = new Annotation("a", 100, 0.001).ToJsonObject(layout);
        var onDomain = new Annotation("b", 1000, 0.5, AxisRef.X(), AxisRef.Y().Domain).ToJsonObject(layout);
        var onPaper = new Annotation("c", 0.5, 0.5, AxisRef.Paper, AxisRef.Paper).ToJsonObject(layout);

        Assert.Equal(2, onData["x"]!.GetValue<double>(), 12);
        Assert.Equal(-3, onData["y"]!.GetValue<double>(), 12);
        Assert.Equal(3, onDomain["x"]!.GetValue<double>(), 12);
        Assert.Equal(0.5, onDomain["y"]!.GetValue<double>());
        Assert.Equal((0.5, 0.5), (onPaper["x"]!.GetValue<double>(), onPaper["y"]!.GetValue<double>()));
    }

    [Fact]
    public void NonPositivePositionOnALogAxis_IsRejectedNamingTheLabel()
    {
        var layout = new Layout();
        layout.XAxis.Type = AxisType.Log;
        var error = Assert.Throws<ArgumentException>(() => new Annotation("zero", 0, 1).ToJsonObject(layout));
        Assert.Contains("'zero'", error.Message);
    }

    [Fact]
    public void VerticalAnchorUsedHorizontally_IsRejected()
    {
        var note = new Annotation("a", 1, 1) { XAnchor = TextAnchor.Top };
        Assert.Throws<ArgumentException>(() => note.ToJsonObject(new Layout()));
    }
}
