using Plotly.NET;
using Plotly.NET.LayoutObjects;
using ResearchKit.Charts;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.LabelSpectra;

public static partial class LabelSpectraFigures
{
    private static readonly int[] TopAxisFactors = [1, 2, 4, 8, 12, 24, 40, 120];

    /// <summary>Figure 3: E(K) (log K axis) against the share of the DFT plane in B_K, τ lines, K* marked, grid factor s on a top axis.</summary>
    public static GenericChart EnergyRatio(LabelSpectraResult r)
    {
        var ks = Enumerable.Range(1, r.EnergyRatio.Length - 1).Select(k => (double)k).ToArray();
        var energy = ks.Select(k => r.EnergyRatio[(int)k]).ToArray();
        var curves = new[]
        {
            CSChart.Line<double, double, string>(ks, energy, Name: "E(K), labels", LineWidth: 3, UseDefaults: false),
            CSChart.Line<double, double, string>(ks, ks.Select(k => BandShareOfK(r.Height, r.Width, (int)k)).ToArray(),
                Name: "share of the DFT plane in B_K (white noise)", LineDash: StyleParam.DrawingStyle.Dash, UseDefaults: false),
            // plotly.js draws an overlaying axis only when a trace uses it: an invisible copy of E(K) carries the top axis.
            CSChart.Line<double, double, string>(ks, energy, Name: "top axis", ShowLegend: false, Opacity: 0, UseDefaults: false)
                .Traces(("xaxis", "x2"), ("hoverinfo", "skip")),
        };
        var shapes = new List<Shape>();
        var labels = new List<Annotation>();
        for (var i = 0; i < r.Cutoffs.Length; i++)
        {
            var c = r.Cutoffs[i];
            shapes.Add(ChartParts.HorizontalLine(c.Tau, colour: ChartStyle.GuideColour));
            shapes.Add(ChartParts.VerticalLine(c.K));
            // Labels step down below the τ lines so neighbouring cut-offs never overlap.
            var nearRightEdge = c.K > (r.EnergyRatio.Length - 1) / 3;
            labels.Add(ChartParts.Text($"τ={c.Tau:0.00}: K*={c.K}, s*={c.GridFactor:0.##}", nearRightEdge ? c.K * 0.95 : c.K * 1.05,
                0.80 - 0.08 * i, colour: ChartStyle.ReferenceColour, fontSize: 11, xAnchor: nearRightEdge ? "right" : "left", xLog: true));
        }
        double kMax = r.EnergyRatio.Length - 1;
        var chart = CSChart.Combine(curves).WithShapes(shapes).WithAnnotations(labels)
            .Axis("x", title: "K (band half-height, vertical DFT index)", log: true, range: (1, kMax))
            .Axis("y", title: "E(K)", range: (0, 1.02))
            .Axis("x2", title: "grid factor s = H/(2K)", log: true, more:
            [
                ("overlaying", "x"), ("side", "top"), ("anchor", "y"), ("matches", "x"), ("showgrid", false), ("automargin", true),
                ("tickmode", "array"), ("tickvals", TopAxisFactors.Select(s => r.Height / (2.0 * s)).ToArray()),
                ("ticktext", TopAxisFactors.Select(s => s.ToString()).ToArray()),
            ])
            .Layout(("legend", ChartParts.InsideLegend("left", "bottom")));
        return ChartStyle.Apply(chart, $"Label energy inside the band B_K, CamVid train ({r.TrainImages} labels)", width: 900, marginTop: 110);
    }

    /// <summary>Share of the H×W plane inside B_K = {|ũ| ≤ K, |ṽ| ≤ K·W/H}.</summary>
    internal static double BandShareOfK(int h, int w, int k) =>
        Math.Min(h, 2 * k + 1) * (double)Math.Min(w, 2 * (int)Math.Floor(k * (double)w / h) + 1) / ((double)h * w);

    /// <summary>Figure 4: per-class concentration E_c(s), one bar group per class (sorted by pixel share), one colour per s.</summary>
    public static GenericChart ClassConcentration(LabelSpectraResult r)
    {
        var order = r.Classes.OrderByDescending(c => c.PixelShare).ToArray();
        var names = order.Select(c => $"{c.Name} ({100 * c.PixelShare:0.0}%)").ToArray();
        var bars = r.Config.ClassFactors.Select((s, i) => CSChart.Column<double, string, string>(order.Select(c => c.EnergyRatio[i]).ToArray(),
            Keys: names, Name: $"s = {s}", UseDefaults: false));
        var chart = CSChart.Combine(bars)
            .Axis("x", title: "class (share of labelled train pixels)", more: [("automargin", true)]) // room for the slanted names
            .Axis("y", title: "E_c(s)", range: (0, 1))
            .Layout(("barmode", "group"));
        return ChartStyle.Apply(chart, "Per-class energy inside the grid band B(s): small classes are the least concentrated", width: 1000);
    }

    /// <summary>Figure 5: block-constant oracle mIoU on val against s (log x, ticks at the factors): majority, nearest-centre and
    /// the top-left phase check (dashed), with the cut-offs s*(τ) dotted.</summary>
    public static GenericChart Oracle(LabelSpectraResult r)
    {
        var s = r.Oracle.Select(o => (double)o.Factor).ToArray();
        var curves = new[]
        {
            CSChart.Line<double, double, string>(s, r.Oracle.Select(o => o.Majority).ToArray(), ShowMarkers: true, Name: "majority", UseDefaults: false),
            CSChart.Line<double, double, string>(s, r.Oracle.Select(o => o.NearestCentre).ToArray(), ShowMarkers: true, Name: "nearest-centre",
                UseDefaults: false),
            CSChart.Line<double, double, string>(s, r.Oracle.Select(o => o.NearestTopLeft).ToArray(), ShowMarkers: true,
                Name: "nearest-top-left (half a block out of phase)", LineDash: StyleParam.DrawingStyle.Dash, UseDefaults: false),
        };
        var cuts = r.Cutoffs.Where(c => double.IsFinite(c.GridFactor)).ToArray();
        var chart = CSChart.Combine(curves)
            .WithShapes(cuts.Select(c => ChartParts.VerticalLine(c.GridFactor)))
            .WithAnnotations(cuts.Select(c => ChartParts.Text($"s*({c.Tau:0.00})", c.GridFactor * 1.02, 102, colour: ChartStyle.ReferenceColour,
                fontSize: 11, xAnchor: "left", xLog: true)))
            .Axis("x", title: "grid factor s", log: true, more: [("tickvals", s)])
            .Axis("y", title: "mIoU (%)", range: (0, 105));
        // Below the plot: inside, the legend would cover the s*(0.99) line at the left edge or s*(0.95) mid-way.
        return ChartStyle.Apply(chart, $"Block-constant oracle on CamVid val ({r.ValImages} labels): down-sample by s, replicate back, score",
            width: 900, legendBelow: true);
    }

    /// <summary>Block spectral error e_b(K) (log-log) for each block size, with K*(τ) marked.</summary>
    public static GenericChart BlockErrors(LabelSpectraResult r)
    {
        var ks = Enumerable.Range(1, r.EnergyRatio.Length - 1).ToArray();
        var curves = r.BlockErrors.Select(b => CSChart.Line<double, double, string>(ks.Select(k => (double)k).ToArray(),
            ks.Select(k => Math.Max(b.ErrorCurve[k], 1e-9)).ToArray(), Name: $"b = {b.BlockSize} ({b.TilesPerImage:N0} tiles/image)",
            UseDefaults: false));
        var chart = CSChart.Combine(curves)
            .WithShapes(r.Cutoffs.Select(c => ChartParts.VerticalLine(c.K)))
            .Axis("x", title: "K", log: true)
            .Axis("y", title: "e_b(K)", log: true);
        // Below the plot: inside, the legend would cover the K*(0.99) line.
        return ChartStyle.Apply(chart, "Spectral error of block labels inside B_K, pooled over CamVid train", width: 900, legendBelow: true);
    }
}
