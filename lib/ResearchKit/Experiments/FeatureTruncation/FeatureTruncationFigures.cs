using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Plots;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>NB04's figures: mIoU against decoder MACs per operator, and mIoU against t with the cut-offs.</summary>
public static class FeatureTruncationFigures
{
    private static readonly Dictionary<TruncationOperator, string> Colours = new()
    {
        [TruncationOperator.AreaDownsample] = "#1f77b4",
        [TruncationOperator.SpectralCrop] = "#2ca02c",
    };

    /// <summary>mIoU against decoder + head MACs per val image (log x), one curve per operator, trained solid and
    /// test-only dashed, points labelled by t.</summary>
    public static Figure MeanIoUAgainstMacs(FeatureTruncationResult r)
    {
        var fig = new Figure($"{FeatureTruncationTables.Network(r.Config)}, decoder truncated by t: val mIoU against decoder cost");
        var arms = TruncationArm.Of(r);
        foreach (var group in arms.GroupBy(a => (a.Operator, a.TestOnly)))
        {
            var curve = WithPlain(arms, group.Key.Operator, group.ToArray());
            fig.Add(new Scatter(curve.Select(a => a.DecoderMacs / 1e6).ToArray(), curve.Select(a => a.MeanIoU).ToArray())
            {
                Name = $"{group.Key.Operator}{(group.Key.TestOnly ? ", t = 1 model truncated at test only" : ", trained")}",
                Mode = ScatterMode.Lines | ScatterMode.Markers, Color = Colours[group.Key.Operator],
                Dash = group.Key.TestOnly ? LineDash.Dash : null, ErrorY = curve.Select(a => a.StdIoU).ToArray(),
            });
            if (group.Key.TestOnly) continue;
            foreach (var a in curve)
                fig.Layout.Annotations.Add(new Annotation($"t={a.Stride}", a.DecoderMacs / 1e6, a.MeanIoU + 1.5) { FontSize = 10, Color = Colours[a.Operator] });
        }
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.XAxis.Title = "decoder + head MMACs per val image (convs only)";
        fig.Layout.YAxis.Title = "val mIoU (%)";
        fig.Layout.YAxis.Range = (0, 100); // the t labels sit 1.5 points above their markers
        fig.Layout.Legend = LegendPosition.Below;
        fig.Layout.Width = 900;
        fig.Layout.Height = 520;
        return fig;
    }

    /// <summary>mIoU against s = f·t on the 360×480 grid (log x), per operator, with NB01's cut-offs s*(τ).</summary>
    public static Figure MeanIoUAgainstStride(FeatureTruncationResult r, LabelSpectraResult spectra)
    {
        var f = r.Config.Base.Factor;
        var fig = new Figure($"val mIoU against the decoder stride (trained at 1/{f}: stride t on the input is s = {f}·t on the label grid)");
        var arms = TruncationArm.Of(r);
        foreach (var group in arms.GroupBy(a => (a.Operator, a.TestOnly)))
        {
            var curve = WithPlain(arms, group.Key.Operator, group.ToArray());
            fig.Add(new Scatter(curve.Select(a => (double)(f * a.Stride)).ToArray(), curve.Select(a => a.MeanIoU).ToArray())
            {
                Name = $"{group.Key.Operator}{(group.Key.TestOnly ? ", test only" : ", trained")}", Mode = ScatterMode.Lines | ScatterMode.Markers,
                Color = Colours[group.Key.Operator], Dash = group.Key.TestOnly ? LineDash.Dash : null,
            });
        }
        foreach (var cut in spectra.Cutoffs)
        {
            fig.Layout.Shapes.Add(Shape.VerticalLine(cut.GridFactor, dash: LineDash.Dot, color: "firebrick"));
            fig.Layout.Annotations.Add(new Annotation($"s*({cut.Tau:0.00})={cut.GridFactor:0.#}", cut.GridFactor * 1.04, 5 + 7 * Array.IndexOf(spectra.Cutoffs, cut))
            { FontSize = 10, Color = "firebrick", XAnchor = TextAnchor.Left });
        }
        var ticks = r.Config.Strides.Select(t => (double)(f * t)).ToArray();
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.XAxis.TickVals = ticks;
        fig.Layout.XAxis.TickText = r.Config.Strides.Select(t => $"{f * t} (t={t})").ToArray();
        fig.Layout.XAxis.Title = "s = f·t";
        fig.Layout.YAxis.Title = "val mIoU (%)";
        fig.Layout.YAxis.Range = (0, 100);
        fig.Layout.Legend = LegendPosition.Below;
        fig.Layout.Width = 900;
        return fig;
    }

    // A test-only curve starts from the trained t = 1 point.
    private static TruncationArm[] WithPlain(TruncationArm[] all, TruncationOperator op, TruncationArm[] curve) =>
        curve.Any(a => a.Stride == 1) ? curve
            : all.Where(a => !a.TestOnly && a.Operator == op && a.Stride == 1).Concat(curve).ToArray();
}
