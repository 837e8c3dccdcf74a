using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Experiments.BlockAnnotation;

namespace ResearchKit.Tests.Experiments.BlockAnnotation;

/// <summary>NB05's worked example panel, read back as plotly JSON.</summary>
public sealed class BlockAnnotationExampleTests
{
    [Fact]
    public void Panel_DrawsTheDenseAndTheBlockLabelSideBySide_TitledWithTheTileCount()
    {
        var dense = new LabelMap(2, 2, [0, 1, 2, 11]);
        var block = new LabelMap(2, 2, [0, 0, 0, 0]);
        var fig = ChartDisplay.FigureJson(BlockAnnotationExample.Panel(dense, block, 8, "0001TP_006690.png"));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["image", "image"], data.Select(t => t!["type"]!.GetValue<string>()));
        Assert.All(data, t => Assert.StartsWith("data:image/png;base64,", t!["source"]!.GetValue<string>()));
        Assert.NotEqual(data[0]!["source"]!.GetValue<string>(), data[1]!["source"]!.GetValue<string>());
        Assert.Equal(["dense label 0001TP_006690.png", "block label, b = 8: 2,700 tiles"],
            fig["layout"]!["annotations"]!.AsArray().Select(a => a!["text"]!.GetValue<string>()));
        Assert.False(fig["layout"]!["xaxis2"]!["visible"]!.GetValue<bool>());
    }

    [Fact]
    public void Panel_RefusesLabelsOfDifferentSizes_NamingBoth()
    {
        var e = Assert.Throws<ArgumentException>(() => BlockAnnotationExample.Panel(new LabelMap(2, 2, new byte[4]), new LabelMap(1, 2, new byte[2]), 2, "x"));
        Assert.Contains("2x2", e.Message);
        Assert.Contains("1x2", e.Message);
    }
}
