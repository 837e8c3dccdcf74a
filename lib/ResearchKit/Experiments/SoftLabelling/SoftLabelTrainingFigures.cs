using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Labels;
using ResearchKit.Metrics;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The three figures of NB07 (soft-labelling spec 4/NB07).</summary>
public static class SoftLabelTrainingFigures
{
    /// <summary>Figure 1: val mIoU against s (log x), one curve per rule (mean ± seed std; soft rules solid, hard rules
    /// dashed), the s = 1 reference as a dotted horizontal line.</summary>
    public static GenericChart MeanIoUByFactor(SoftLabelTrainingResult r)
    {
        var xs = r.Config.Factors.Select(s => (double)s).ToArray();
        var traces = r.Config.Rules.Select((rule, k) =>
        {
            var arms = r.Config.Factors.Select(s => r.Arm(s, rule)).ToArray();
            var line = RuleLine(xs, arms.Select(a => a.MeanIoU).ToArray(), rule, k);
            return r.Config.Seeds.Length > 1 ? line.Traces(("error_y", ChartParts.ErrorBars(arms.Select(a => a.StdIoU)))) : line;
        }).ToList();
        if (r.Reference is { } reference)
            traces.Add(CSChart.Line<double, double, string>([xs.Min(), xs.Max()], [reference.MeanIoU, reference.MeanIoU],
                Name: $"s = 1 reference (hard labels): {reference.Text}", LineColor: Color.fromString(ChartStyle.ReferenceColour),
                LineDash: StyleParam.DrawingStyle.Dot, UseDefaults: false));
        var chart = CSChart.Combine(traces).Axis("x", title: "factor s (training resolution 360/s × 480/s)", log: true, more: ("tickvals", xs))
            .Axis("y", title: "val mIoU");
        return ChartStyle.Apply(chart, $"Val mIoU (360×480) of TinyUNet trained at 1/s, per label rule; {Seeds(r)}", width: 860);
    }

    /// <summary>Figure 2: per-class ΔIoU of <paramref name="soft"/> over <paramref name="hard"/> at factor
    /// <paramref name="s"/> (default: the largest), classes from the smallest train pixel share; error bars combine the
    /// two arms' seed stds.</summary>
    public static GenericChart ClassGain(SoftLabelTrainingResult r, int? s = null,
        LabelDownsampling soft = LabelDownsampling.SoftBox, LabelDownsampling hard = LabelDownsampling.NearestCentre)
    {
        var at = s ?? r.Config.Factors.Max();
        var order = r.ClassesByShare();
        var (a, b) = (r.Arm(at, soft), r.Arm(at, hard));
        var bars = CSChart.Column<double, string, string>(order.Select(c => a.PerClassIoU[c] - b.PerClassIoU[c]).ToArray(),
            Keys: order.Select(c => r.ClassNames[c]).ToArray(), Name: "ΔIoU", MarkerColor: Color.fromString(ChartStyle.Colour(0)), UseDefaults: false);
        if (r.Config.Seeds.Length > 1)
            bars = bars.Traces(("error_y", ChartParts.ErrorBars(order.Select(c => Math.Sqrt(Square(ClassStd(r, at, soft, c)) + Square(ClassStd(r, at, hard, c)))))));
        var chart = bars.Axis("x", title: "class").Axis("y", title: "ΔIoU (points)");
        return ChartStyle.Apply(chart, $"Per-class ΔIoU at s = {at}: {soft.Name()} − {hard.Name()} (classes from the smallest train pixel share)", width: 900);
    }

    /// <summary>Figure 3: val mIoU against training wall seconds per epoch (log x), one point per (rule, s), lines joining
    /// a rule's factors (soft rules solid, hard rules dashed), the s = 1 reference as one point.</summary>
    public static GenericChart MeanIoUVsTime(SoftLabelTrainingResult r)
    {
        var traces = r.Config.Rules.Select((rule, k) =>
        {
            var arms = r.Config.Factors.Select(s => r.Arm(s, rule)).ToArray();
            return RuleLine(arms.Select(a => a.SecondsPerEpoch).ToArray(), arms.Select(a => a.MeanIoU).ToArray(), rule, k);
        }).ToList();
        if (r.Reference is { } reference)
            traces.Add(CSChart.Point<double, double, string>([reference.SecondsPerEpoch], [reference.MeanIoU], Name: "s = 1 reference",
                UseDefaults: false).Traces(("marker", Raw.Object(("color", ChartStyle.ReferenceColour), ("symbol", "star"), ("size", 12)))));
        var chart = CSChart.Combine(traces).Axis("x", title: "wall seconds per epoch (log)", log: true).Axis("y", title: "val mIoU");
        return ChartStyle.Apply(chart, "Val mIoU against training time per epoch (2 cores), one point per rule and factor", width: 860);
    }

    /// <summary>Rule <paramref name="rule"/> as lines and markers in the <paramref name="k"/>-th colour, dashed when hard.</summary>
    private static GenericChart RuleLine(double[] x, double[] y, LabelDownsampling rule, int k) =>
        CSChart.Line<double, double, string>(x, y, ShowMarkers: true, Name: rule.Name(), LineColor: Color.fromString(ChartStyle.Colour(k)),
            MarkerColor: Color.fromString(ChartStyle.Colour(k)), LineDash: ChartStyle.LabelDash(rule.IsSoft()), UseDefaults: false);

    /// <summary>plotly.js symmetric error bars of the given half-widths.</summary>
    private static double ClassStd(SoftLabelTrainingResult r, int s, LabelDownsampling rule, int c) =>
        SeedStats.Std(r.Runs.Where(x => x.Factor == s && x.Rule == rule).Select(x => x.PerClassIoU[c]));

    private static double Square(double x) => x * x;

    private static string Seeds(SoftLabelTrainingResult r) =>
        r.Config.Seeds.Length > 1 ? $"mean ± std over seeds {string.Join(", ", r.Config.Seeds)}" : $"seed {r.Config.Seeds[0]}";
}
