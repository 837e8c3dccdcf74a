using ResearchKit.Plots;

namespace ResearchKit.Experiments.LabelSpectra;

public static partial class LabelSpectraFigures
{
    private static readonly int[] TopAxisFactors = [1, 2, 4, 8, 12, 24, 40, 120];

    /// <summary>Figure 3: E(K) (log K axis) against the share of the DFT plane in B_K, τ lines, K* marked, grid factor s on a top axis.</summary>
    public static Figure EnergyRatio(LabelSpectraResult r)
    {
        var fig = new Figure($"Label energy inside the band B_K, CamVid train ({r.TrainImages} labels)");
        var ks = Enumerable.Range(1, r.EnergyRatio.Length - 1).ToArray();
        fig.Add(new Scatter(ks.Select(k => (double)k).ToArray(), ks.Select(k => r.EnergyRatio[k]).ToArray()) { Name = "E(K), labels", LineWidth = 3 });
        fig.Add(new Scatter(ks.Select(k => (double)k).ToArray(), ks.Select(k => BandShareOfK(r.Height, r.Width, k)).ToArray())
        { Name = "share of the DFT plane in B_K (white noise)", Dash = LineDash.Dash });
        for (var i = 0; i < r.Cutoffs.Length; i++)
        {
            var c = r.Cutoffs[i];
            fig.Layout.Shapes.Add(Shape.HorizontalLine(c.Tau, dash: LineDash.Dot, color: "gray"));
            fig.Layout.Shapes.Add(Shape.VerticalLine(c.K, dash: LineDash.Dot, color: "firebrick"));
            // Labels step down below the τ lines so neighbouring cut-offs never overlap.
            var nearRightEdge = c.K > (r.EnergyRatio.Length - 1) / 3;
            fig.Layout.Annotations.Add(new Annotation($"τ={c.Tau:0.00}: K*={c.K}, s*={c.GridFactor:0.##}",
                nearRightEdge ? c.K * 0.95 : c.K * 1.05, 0.80 - 0.08 * i)
            { XAnchor = nearRightEdge ? TextAnchor.Right : TextAnchor.Left, FontSize = 11, Color = "firebrick" });
        }
        fig.Layout.XAxis.Title = "K (band half-height, vertical DFT index)";
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.YAxis.Title = "E(K)";
        fig.Layout.YAxis.Range = (0, 1.02);
        fig.Layout.Legend = LegendPosition.InsideBottomRight;
        fig.Layout.Width = 900;
        var top = fig.Layout.AddOverlayAxis(fig.Layout.XAxis.Ref, AxisSide.Top);
        top.Type = AxisType.Log;
        top.Title = "grid factor s = H/(2K)";
        top.Range = (1, r.EnergyRatio.Length - 1);
        fig.Layout.XAxis.Range = (1, r.EnergyRatio.Length - 1);
        top.TickVals = TopAxisFactors.Select(s => r.Height / (2.0 * s)).ToArray();
        top.TickText = TopAxisFactors.Select(s => s.ToString()).ToArray();
        return fig;
    }

    /// <summary>Share of the H×W plane inside B_K = {|ũ| ≤ K, |ṽ| ≤ K·W/H}.</summary>
    internal static double BandShareOfK(int h, int w, int k) =>
        Math.Min(h, 2 * k + 1) * (double)Math.Min(w, 2 * (int)Math.Floor(k * (double)w / h) + 1) / ((double)h * w);

    /// <summary>Figure 4: per-class concentration E_c(s), one bar group per class (sorted by pixel share), one colour per s.</summary>
    public static Figure ClassConcentration(LabelSpectraResult r)
    {
        var fig = new Figure("Per-class energy inside the grid band B(s): small classes are the least concentrated");
        var order = r.Classes.OrderByDescending(c => c.PixelShare).ToArray();
        var names = order.Select(c => $"{c.Name} ({100 * c.PixelShare:0.0}%)").ToArray();
        for (var i = 0; i < r.Config.ClassFactors.Length; i++)
            fig.Add(new Bar(names, order.Select(c => c.EnergyRatio[i]).ToArray()) { Name = $"s = {r.Config.ClassFactors[i]}" });
        fig.Layout.BarMode = BarMode.Group;
        fig.Layout.XAxis.Title = "class (share of labelled train pixels)";
        fig.Layout.YAxis.Title = "E_c(s)";
        fig.Layout.Width = 1000;
        fig.Layout.YAxis.Range = (0, 1);
        return fig;
    }

    /// <summary>Figure 5: block-constant oracle mIoU on val against s (log₂ x): majority, nearest-centre and the top-left phase check.</summary>
    public static Figure Oracle(LabelSpectraResult r)
    {
        var fig = new Figure($"Block-constant oracle on CamVid val ({r.ValImages} labels): down-sample by s, replicate back, score");
        var s = r.Oracle.Select(o => (double)o.Factor).ToArray();
        fig.Add(new Scatter(s, r.Oracle.Select(o => o.Majority).ToArray()) { Name = "majority", Mode = ScatterMode.Lines | ScatterMode.Markers });
        fig.Add(new Scatter(s, r.Oracle.Select(o => o.NearestCentre).ToArray()) { Name = "nearest-centre", Mode = ScatterMode.Lines | ScatterMode.Markers });
        fig.Add(new Scatter(s, r.Oracle.Select(o => o.NearestTopLeft).ToArray())
        { Name = "nearest-top-left (half a block out of phase)", Mode = ScatterMode.Lines | ScatterMode.Markers, Dash = LineDash.Dash });
        foreach (var c in r.Cutoffs.Where(c => double.IsFinite(c.GridFactor)))
        {
            fig.Layout.Shapes.Add(Shape.VerticalLine(c.GridFactor, dash: LineDash.Dot, color: "firebrick"));
            fig.Layout.Annotations.Add(new Annotation($"s*({c.Tau:0.00})", c.GridFactor, 102) { FontSize = 11 });
        }
        fig.Layout.XAxis.Title = "grid factor s";
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.XAxis.TickVals = s;
        fig.Layout.YAxis.Title = "mIoU (%)";
        fig.Layout.Legend = LegendPosition.InsideTopRight;
        fig.Layout.Width = 900;
        fig.Layout.YAxis.Range = (0, 105);
        return fig;
    }

    /// <summary>Block spectral error e_b(K) (log-log) for each block size, with K*(τ) marked.</summary>
    public static Figure BlockErrors(LabelSpectraResult r)
    {
        var fig = new Figure("Spectral error of block labels inside B_K, pooled over CamVid train");
        var ks = Enumerable.Range(1, r.EnergyRatio.Length - 1).ToArray();
        foreach (var b in r.BlockErrors)
            fig.Add(new Scatter(ks.Select(k => (double)k).ToArray(), ks.Select(k => Math.Max(b.ErrorCurve[k], 1e-9)).ToArray())
            { Name = $"b = {b.BlockSize} ({b.TilesPerImage:N0} tiles/image)" });
        foreach (var c in r.Cutoffs)
            fig.Layout.Shapes.Add(Shape.VerticalLine(c.K, dash: LineDash.Dot, color: "firebrick"));
        fig.Layout.XAxis.Title = "K";
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.YAxis.Title = "e_b(K)";
        fig.Layout.Legend = LegendPosition.InsideBottomRight;
        fig.Layout.Width = 900;
        fig.Layout.YAxis.Type = AxisType.Log;
        return fig;
    }
}
