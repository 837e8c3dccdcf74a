using Plotly.NET;
using Plotly.NET.LayoutObjects;
using ResearchKit.Charts;
using ResearchKit.Experiments.LabelSpectra;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>NB03's figure: mIoU and thin-class mIoU against s, with the label-only oracle and the cut-offs s*(τ).</summary>
public static class PredictionGridFigures
{
    /// <summary>Two panels on a log s axis (ticks at the trained s): val mIoU (mean ± std over seeds) with NB01's
    /// block-constant oracle (majority) overlaid, and thin-class mIoU; dotted vertical lines at s*(0.90), s*(0.95), s*(0.99).</summary>
    public static GenericChart MeanIoUAgainstGrid(PredictionGridResult r, LabelSpectraResult spectra)
    {
        var arms = GridArm.Of(r);
        var xs = arms.Select(a => (double)a.GridFactor).ToArray();
        var oracle = spectra.Oracle.Where(o => o.Factor >= arms[0].GridFactor).ToArray();
        var left = CSChart.Combine(
        [
            Curve(xs, arms.Select(a => a.MeanIoU), "trained", ChartStyle.Colour(0), arms.Select(a => a.StdIoU)),
            Curve(oracle.Select(o => (double)o.Factor).ToArray(), oracle.Select(o => o.Majority), "label-only oracle (majority blocks, NB01)",
                ChartStyle.GuideColour, dash: StyleParam.DrawingStyle.Dash),
        ]);
        var right = Curve(xs, arms.Select(a => a.ThinMeanIoU), "trained, thin classes", ChartStyle.Colour(3), arms.Select(a => a.ThinStd));
        var panels = new[] { left, right }.Select(p => p
            .Axis("x", title: "grid factor s (on the 360×480 label grid)", log: true,
                more: [("tickvals", xs), ("ticktext", xs.Select(x => x.ToString("0")).ToArray())])
            .Axis("y", range: (0, 100)));
        var chart = CSChart.Grid(panels, 1, 2, SubPlotTitles: new[] { "val mIoU", "thin-class mIoU (Pole, SignSymbol, Fence, Pedestrian, Bicyclist)" },
            XGap: 0.17); // 8 % of the width between the panels
        var cuts = spectra.Cutoffs.Where(c => double.IsFinite(c.GridFactor)).ToArray();
        var shapes = new List<Shape>();
        for (var col = 1; col <= 2; col++)
            shapes.AddRange(cuts.Select(c => ChartParts.VerticalLine(c.GridFactor, ChartParts.XRef(1, col, 2), ChartParts.YRef(1, col, 2))));
        var labels = cuts.Select((c, i) => ChartParts.Text($"s*({c.Tau:0.00})={c.GridFactor:0.#}", c.GridFactor * 1.04, 5 + 7 * i,
            colour: ChartStyle.ReferenceColour, fontSize: 10, xAnchor: "left", xLog: true));
        chart = chart.WithShapes(shapes).WithAnnotations(labels).Axis("y", title: "mIoU (%)");
        var seeds = r.Config.Seeds.Length;
        return ChartStyle.Apply(chart, $"TinyUNet with its classifier on an (H/s)×(W/s) grid, trained at {360 / r.Config.Base.Factor}×" +
            $"{480 / r.Config.Base.Factor} ({seeds} seed{(seeds == 1 ? "" : "s")} per s)", width: 1150, height: 460, legendBelow: true, marginTop: 80);
    }

    /// <summary>Lines with markers through (x, y), with ± <paramref name="std"/> error bars when given.</summary>
    private static GenericChart Curve(double[] x, IEnumerable<double> y, string name, string colour, IEnumerable<double>? std = null,
        StyleParam.DrawingStyle? dash = null)
    {
        var curve = CSChart.Line<double, double, string>(x, y.ToArray(), ShowMarkers: true, Name: name, LineColor: Color.fromString(colour),
            MarkerColor: Color.fromString(colour), LineDash: dash ?? StyleParam.DrawingStyle.Solid, UseDefaults: false);
        return std is null ? curve
            : curve.Traces(("error_y", ChartParts.ErrorBars(std.ToArray())));
    }
}
