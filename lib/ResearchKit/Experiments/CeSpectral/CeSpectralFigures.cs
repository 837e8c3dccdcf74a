using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Experiments.LabelSpectra;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>NB02's figure: ρ(K) per checkpoint with the Cauchy–Schwarz band, K*(τ) marked, one panel per model.</summary>
public static class CeSpectralFigures
{
    /// <summary>ρ = CE_K/CE against K (log x) for each checkpoint; the final checkpoint's 1 ± bound/CE as a shaded band;
    /// 1 ± 0.05 dotted; vertical lines at NB01's cut-offs K*(τ).</summary>
    public static GenericChart Rho(CeSpectralResult r, LabelSpectraResult spectra)
    {
        int cols = r.Models.Length;
        var ks = Enumerable.Range(1, r.Height / 2).Select(k => (double)k).ToArray();
        var panels = r.Models.Select((model, m) => Panel(model, ks, showLegend: m == 0)).ToArray();
        var titles = r.Models.Select(m => $"{m.Name} (final val mIoU {m.FinalValMeanIoU:0.0})").ToArray();
        var chart = CSChart.Grid(panels, 1, cols, SubPlotTitles: titles, XGap: 0.08);
        var shapes = new List<Plotly.NET.LayoutObjects.Shape>();
        var labels = new List<Plotly.NET.LayoutObjects.Annotation>();
        for (var m = 0; m < cols; m++)
        {
            string x = ChartParts.XRef(1, m + 1, cols), y = ChartParts.YRef(1, m + 1, cols);
            foreach (var level in new[] { 0.95, 1.05 }) shapes.Add(ChartParts.HorizontalLine(level, x, y, ChartStyle.GuideColour));
            for (var c = 0; c < spectra.Cutoffs.Length; c++)
            {
                var cut = spectra.Cutoffs[c];
                shapes.Add(ChartParts.VerticalLine(cut.K, x, y));
                labels.Add(ChartParts.Text($"K*({cut.Tau:0.00})={cut.K}", cut.K * 1.04, 0.08 + 0.1 * c, x, y + " domain",
                    ChartStyle.ReferenceColour, fontSize: 10, xAnchor: "left", xLog: true));
            }
        }
        chart = chart.WithShapes(shapes).WithAnnotations(labels).Axis("y", title: "ρ(K) = CE_K / CE");
        return ChartStyle.Apply(chart, $"Share of the CE inside the band B_K: ρ(K) = CE_K / CE, pooled over {r.ValImages} val images",
            width: 600 * cols, height: 480, legendBelow: true);
    }

    private static GenericChart Panel(CeModel model, double[] ks, bool showLegend)
    {
        var final = model.Checkpoints[^1];
        const string band = "1 ± Cauchy–Schwarz bound / CE (final)";
        var traces = new List<GenericChart>
        {
            CSChart.Line<double, double, string>(ks, ks.Select(k => 1 - final.BoundOverCe[(int)k]).ToArray(), Name: band,
                ShowLegend: false, LineWidth: 0, LineColor: Color.fromString("rgba(31,119,180,0.3)"), UseDefaults: false),
            CSChart.Line<double, double, string>(ks, ks.Select(k => 1 + final.BoundOverCe[(int)k]).ToArray(), Name: band,
                ShowLegend: showLegend, LineWidth: 0, LineColor: Color.fromString("rgba(31,119,180,0.3)"), UseDefaults: false)
                .Traces(("fill", "tonexty"), ("fillcolor", "rgba(31,119,180,0.15)")),
        };
        for (var c = 0; c < model.Checkpoints.Length; c++)
        {
            var cp = model.Checkpoints[c];
            traces.Add(CSChart.Line<double, double, string>(ks, ks.Select(k => cp.Rho[(int)k]).ToArray(),
                Name: cp.Epoch == model.Train.Epochs ? $"final (epoch {cp.Epoch})" : cp.Label, ShowLegend: showLegend,
                LineWidth: 2, LineColor: Color.fromString(ChartStyle.Colour(c == model.Checkpoints.Length - 1 ? 0 : c + 3)), UseDefaults: false));
        }
        var rhos = model.Checkpoints.SelectMany(c => c.Rho.Skip(1)).ToArray();
        // The band may run off the panel; ρ never does.
        return CSChart.Combine(traces).Axis("x", title: "K (band half-height; s = H/(2K))", log: true)
            .Axis("y", range: (Math.Min(0, rhos.Min() - 0.05), Math.Max(1.6, rhos.Max() + 0.1)));
    }
}
