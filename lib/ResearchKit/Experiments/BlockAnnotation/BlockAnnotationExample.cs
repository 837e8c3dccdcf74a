using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Data;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.BlockAnnotation;

/// <summary>NB05's worked example: one dense CamVid label beside its block label.</summary>
public static class BlockAnnotationExample
{
    /// <summary>The dense <paramref name="label"/> and its block label <paramref name="blockLabel"/> (same size, block size
    /// <paramref name="b"/>) side by side in CamVid's colours, void black.</summary>
    public static GenericChart Panel(LabelMap label, LabelMap blockLabel, int b, string name)
    {
        if (label.Height != blockLabel.Height || label.Width != blockLabel.Width)
            throw new ArgumentException($"block annotation example: the dense label is {label.Height}x{label.Width}, the block label {blockLabel.Height}x{blockLabel.Width}");
        var pictures = new[] { label, blockLabel }.Select(l => ChartParts.Picture(Png.EncodePalette(l, CamVid.Palette)));
        string[] titles = [$"dense label {name}", $"block label, b = {b}: {BlockAnnotationResult.Tiles(b):N0} tiles"];
        var chart = CSChart.Grid(pictures, 1, 2, SubPlotTitles: titles, XGap: 0.05).HideAxes(1, 2);
        return ChartStyle.Apply(chart, $"One CamVid train label annotated densely and in {b}×{b} blocks", width: 1000, height: 420);
    }
}
