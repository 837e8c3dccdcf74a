using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Spectral;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>NB04's figures: mIoU against decoder MACs per operator, and mIoU against t with the cut-offs.</summary>
public static class FeatureTruncationFigures
{
    private static readonly Dictionary<TruncationOperator, string> Colours = new()
    {
        [TruncationOperator.AreaDownsample] = ChartStyle.Colour(0),
        [TruncationOperator.SpectralCrop] = ChartStyle.Colour(2),
    };

    /// <summary>mIoU against decoder + head MACs per val image (log x), one curve per operator with the seeds' std as
    /// error bars, trained solid and test-only dashed, trained points labelled by t.</summary>
    public static GenericChart MeanIoUAgainstMacs(FeatureTruncationResult r)
    {
        var arms = TruncationArm.Of(r);
        var curves = new List<GenericChart>();
        var labels = new List<Plotly.NET.LayoutObjects.Annotation>();
        foreach (var group in arms.GroupBy(a => (a.Operator, a.TestOnly)))
        {
            var curve = WithPlain(arms, group.Key.Operator, group.ToArray());
            var name = $"{group.Key.Operator}{(group.Key.TestOnly ? ", t = 1 model truncated at test only" : ", trained")}";
            curves.Add(Curve(curve.Select(a => a.DecoderMacs / 1e6), curve.Select(a => a.MeanIoU), name, group.Key.Operator, group.Key.TestOnly)
                .Traces(("error_y", ChartParts.ErrorBars(curve.Select(a => a.StdIoU).ToArray()))));
            if (group.Key.TestOnly) continue;
            // The t labels sit 1.5 points above their markers.
            labels.AddRange(curve.Select(a => ChartParts.Text($"t={a.Stride}", a.DecoderMacs / 1e6, a.MeanIoU + 1.5,
                colour: Colours[a.Operator], fontSize: 10, xLog: true)));
        }
        var chart = CSChart.Combine(curves).WithAnnotations(labels)
            .Axis("x", title: "decoder + head MMACs per val image (convs only)", log: true)
            .Axis("y", title: "val mIoU (%)", range: (0, 100));
        return ChartStyle.Apply(chart, $"{FeatureTruncationTables.Network(r.Config)}, decoder truncated by t: val mIoU against decoder cost",
            width: 900, height: 520, legendBelow: true);
    }

    /// <summary>mIoU against s = f·t on the 360×480 grid (log x), per operator, with NB01's cut-offs s*(τ) as dotted
    /// reference lines.</summary>
    public static GenericChart MeanIoUAgainstStride(FeatureTruncationResult r, LabelSpectraResult spectra)
    {
        var f = r.Config.Base.Factor;
        var arms = TruncationArm.Of(r);
        var curves = arms.GroupBy(a => (a.Operator, a.TestOnly)).Select(group =>
        {
            var curve = WithPlain(arms, group.Key.Operator, group.ToArray());
            return Curve(curve.Select(a => (double)(f * a.Stride)), curve.Select(a => a.MeanIoU),
                $"{group.Key.Operator}{(group.Key.TestOnly ? ", test only" : ", trained")}", group.Key.Operator, group.Key.TestOnly);
        });
        var cuts = spectra.Cutoffs;
        var chart = CSChart.Combine(curves)
            .WithShapes(cuts.Select(cut => ChartParts.VerticalLine(cut.GridFactor)))
            .WithAnnotations(cuts.Select((cut, i) => ChartParts.Text($"s*({cut.Tau:0.00})={cut.GridFactor:0.#}", cut.GridFactor * 1.04, 5 + 7 * i,
                colour: ChartStyle.ReferenceColour, fontSize: 10, xAnchor: "left", xLog: true)))
            .Axis("x", title: "s = f·t", log: true, more:
            [
                ("tickvals", r.Config.Strides.Select(t => (double)(f * t)).ToArray()),
                ("ticktext", r.Config.Strides.Select(t => $"{f * t} (t={t})").ToArray()),
            ])
            .Axis("y", title: "val mIoU (%)", range: (0, 100));
        return ChartStyle.Apply(chart, $"val mIoU against the decoder stride (trained at 1/{f}: stride t on the input is s = {f}·t on the label grid)",
            width: 900, legendBelow: true);
    }

    private static GenericChart Curve(IEnumerable<double> x, IEnumerable<double> y, string name, TruncationOperator op, bool testOnly) =>
        CSChart.Line<double, double, string>(x, y, ShowMarkers: true, Name: name, LineColor: Color.fromString(Colours[op]),
            MarkerColor: Color.fromString(Colours[op]), LineDash: testOnly ? StyleParam.DrawingStyle.Dash : StyleParam.DrawingStyle.Solid,
            UseDefaults: false);

    // A test-only curve starts from the trained t = 1 point.
    private static TruncationArm[] WithPlain(TruncationArm[] all, TruncationOperator op, TruncationArm[] curve) =>
        curve.Any(a => a.Stride == 1) ? curve
            : all.Where(a => !a.TestOnly && a.Operator == op && a.Stride == 1).Concat(curve).ToArray();
}
