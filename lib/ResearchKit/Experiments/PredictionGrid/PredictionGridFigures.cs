using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Plots;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>NB03's figure: mIoU and thin-class mIoU against s, with the label-only oracle and the cut-offs s*(τ).</summary>
public static class PredictionGridFigures
{
    /// <summary>Two panels on a log₂ s axis: val mIoU (mean ± std over seeds) with NB01's block-constant oracle
    /// (majority) overlaid, and thin-class mIoU; dotted vertical lines at s*(0.90), s*(0.95), s*(0.99).</summary>
    public static Figure MeanIoUAgainstGrid(PredictionGridResult r, LabelSpectraResult spectra)
    {
        var arms = GridArm.Of(r);
        var fig = Figure.Subplots(1, 2, 0.08, 0.1, "val mIoU", "thin-class mIoU (Pole, SignSymbol, Fence, Pedestrian, Bicyclist)");
        fig.Layout.Title = $"TinyUNet with its classifier on an (H/s)×(W/s) grid, trained at {360 / r.Config.Base.Factor}×{480 / r.Config.Base.Factor} " +
            $"({r.Config.Seeds.Length} seed{(r.Config.Seeds.Length == 1 ? "" : "s")} per s)";
        fig.Layout.Width = 1150;
        fig.Layout.Height = 460;
        var xs = arms.Select(a => (double)a.GridFactor).ToArray();
        fig.Add(new Scatter(xs, arms.Select(a => a.MeanIoU).ToArray())
        { Name = "trained", Mode = ScatterMode.Lines | ScatterMode.Markers, ErrorY = arms.Select(a => a.StdIoU).ToArray(), Color = "#1f77b4" }, 1, 1);
        var oracle = spectra.Oracle.Where(o => o.Factor >= arms[0].GridFactor).ToArray();
        fig.Add(new Scatter(oracle.Select(o => (double)o.Factor).ToArray(), oracle.Select(o => o.Majority).ToArray())
        { Name = "label-only oracle (majority blocks, NB01)", Mode = ScatterMode.Lines | ScatterMode.Markers, Dash = LineDash.Dash, Color = "gray" }, 1, 1);
        fig.Add(new Scatter(xs, arms.Select(a => a.ThinMeanIoU).ToArray())
        { Name = "trained, thin classes", Mode = ScatterMode.Lines | ScatterMode.Markers, ErrorY = arms.Select(a => a.ThinStd).ToArray(), Color = "#d62728" }, 1, 2);
        for (var col = 1; col <= 2; col++)
        {
            var (xRef, yRef) = fig.CellAxes(1, col);
            foreach (var cut in spectra.Cutoffs)
            {
                fig.Layout.Shapes.Add(Shape.VerticalLine(cut.GridFactor, xRef, yRef, LineDash.Dot, "firebrick"));
                if (col == 1)
                    fig.Layout.Annotations.Add(new Annotation($"s*({cut.Tau:0.00})={cut.GridFactor:0.#}", cut.GridFactor * 1.04,
                        5 + 7 * Array.IndexOf(spectra.Cutoffs, cut), xRef, yRef) { FontSize = 10, Color = "firebrick", XAnchor = TextAnchor.Left });
            }
            fig.XAxis(1, col).Type = AxisType.Log;
            fig.XAxis(1, col).Title = "grid factor s (on the 360×480 label grid)";
            fig.XAxis(1, col).TickVals = xs;
            fig.XAxis(1, col).TickText = xs.Select(x => x.ToString("0")).ToArray();
            fig.YAxis(1, col).Range = (0, 100);
        }
        fig.YAxis(1, 1).Title = "mIoU (%)";
        fig.Layout.Legend = LegendPosition.Below;
        return fig;
    }
}
