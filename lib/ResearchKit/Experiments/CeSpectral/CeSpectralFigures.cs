using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Plots;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>NB02's figure: ρ(K) per checkpoint with the Cauchy–Schwarz band, K*(τ) marked, one panel per model.</summary>
public static class CeSpectralFigures
{
    private static readonly string[] Colours = ["#9467bd", "#ff7f0e", "#1f77b4"];

    /// <summary>ρ = CE_K/CE against K (log x) for each checkpoint; the final checkpoint's 1 ± bound/CE as a shaded band;
    /// 1 ± 0.05 dotted; vertical lines at NB01's cut-offs K*(τ).</summary>
    public static Figure Rho(CeSpectralResult r, LabelSpectraResult spectra)
    {
        var fig = Figure.Subplots(1, r.Models.Length, 0.08, 0.1, r.Models.Select(m => $"{m.Name} (final val mIoU {m.FinalValMeanIoU:0.0})").ToArray());
        fig.Layout.Title = $"Share of the CE inside the band B_K: ρ(K) = CE_K / CE, pooled over {r.ValImages} val images";
        fig.Layout.Width = 600 * r.Models.Length;
        fig.Layout.Height = 480;
        var ks = Enumerable.Range(1, r.Height / 2).Select(k => (double)k).ToArray();
        for (var m = 0; m < r.Models.Length; m++)
        {
            var model = r.Models[m];
            var final = model.Checkpoints[^1];
            var (xRef, yRef) = fig.CellAxes(1, m + 1);
            fig.Add(new Scatter(ks, ks.Select(k => 1 - final.BoundOverCe[(int)k]).ToArray())
            { Name = "1 ± Cauchy–Schwarz bound / CE (final)", LineWidth = 0, Color = "rgba(31,119,180,0.3)", ShowLegend = false }, 1, m + 1);
            fig.Add(new Scatter(ks, ks.Select(k => 1 + final.BoundOverCe[(int)k]).ToArray())
            {
                Name = "1 ± Cauchy–Schwarz bound / CE (final)", LineWidth = 0, Color = "rgba(31,119,180,0.3)", FillToPrevious = true,
                FillColor = "rgba(31,119,180,0.15)", ShowLegend = m == 0,
            }, 1, m + 1);
            for (var c = 0; c < model.Checkpoints.Length; c++)
            {
                var cp = model.Checkpoints[c];
                fig.Add(new Scatter(ks, ks.Select(k => cp.Rho[(int)k]).ToArray())
                { Name = cp.Epoch == model.Train.Epochs ? $"final (epoch {cp.Epoch})" : cp.Label, Color = Colours[c % Colours.Length], LineWidth = 2, ShowLegend = m == 0 }, 1, m + 1);
            }
            foreach (var y in new[] { 0.95, 1.05 })
                fig.Layout.Shapes.Add(Shape.HorizontalLine(y, yRef, xRef, LineDash.Dot, "gray"));
            foreach (var cut in spectra.Cutoffs)
            {
                fig.Layout.Shapes.Add(Shape.VerticalLine(cut.K, xRef, yRef, LineDash.Dot, "firebrick"));
                fig.Layout.Annotations.Add(new Annotation($"K*({cut.Tau:0.00})={cut.K}", cut.K * 1.04, 0.08 + 0.1 * Array.IndexOf(spectra.Cutoffs, cut), xRef, yRef)
                { FontSize = 10, Color = "firebrick", XAnchor = TextAnchor.Left });
            }
            fig.XAxis(1, m + 1).Type = AxisType.Log;
            fig.XAxis(1, m + 1).Title = "K (band half-height; s = H/(2K))";
            var rhos = model.Checkpoints.SelectMany(c => c.Rho.Skip(1)).ToArray();
            fig.YAxis(1, m + 1).Range = (Math.Min(0, rhos.Min() - 0.05), Math.Max(1.6, rhos.Max() + 0.1)); // the band may run off; ρ never does
        }
        fig.YAxis(1, 1).Title = "ρ(K) = CE_K / CE";
        fig.Layout.Legend = LegendPosition.Below;
        return fig;
    }
}
