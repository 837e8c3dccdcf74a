using ResearchKit.Labels;
using ResearchKit.Metrics;
using ResearchKit.Plots;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The three figures of NB07 (soft-labelling spec 4/NB07).</summary>
public static class SoftLabelTrainingFigures
{
    /// <summary>Figure 1: val mIoU against s, one curve per rule (mean ± seed std), the s = 1 reference as a horizontal line.</summary>
    public static Figure MeanIoUByFactor(SoftLabelTrainingResult r)
    {
        var fig = new Figure($"Val mIoU (360×480) of TinyUNet trained at 1/s, per label rule; {Seeds(r)}");
        var xs = r.Config.Factors.Select(s => (double)s).ToArray();
        foreach (var rule in r.Config.Rules)
        {
            var arms = r.Config.Factors.Select(s => r.Arm(s, rule)).ToArray();
            fig.Add(new Scatter(xs, arms.Select(a => a.MeanIoU).ToArray())
            {
                Name = rule.Name(), Mode = ScatterMode.Lines | ScatterMode.Markers, Dash = rule.IsSoft() ? null : LineDash.Dash,
                ErrorY = r.Config.Seeds.Length > 1 ? arms.Select(a => a.StdIoU).ToArray() : null,
            });
        }
        if (r.Reference is { } reference)
            fig.Add(new Scatter([xs.Min(), xs.Max()], [reference.MeanIoU, reference.MeanIoU])
            { Name = $"s = 1 reference (hard labels): {reference.Text}", Dash = LineDash.Dot, Color = "black" });
        fig.Layout.XAxis.Title = "factor s (training resolution 360/s × 480/s)";
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.XAxis.TickVals = xs;
        fig.Layout.YAxis.Title = "val mIoU";
        fig.Layout.Width = 860;
        return fig;
    }

    /// <summary>Figure 2: per-class ΔIoU of <paramref name="soft"/> over <paramref name="hard"/> at factor
    /// <paramref name="s"/> (default: the largest), classes from the smallest train pixel share; error bars combine the
    /// two arms' seed stds.</summary>
    public static Figure ClassGain(SoftLabelTrainingResult r, int? s = null,
        LabelDownsampling soft = LabelDownsampling.SoftBox, LabelDownsampling hard = LabelDownsampling.NearestCentre)
    {
        var at = s ?? r.Config.Factors.Max();
        var order = r.ClassesByShare();
        var (a, b) = (r.Arm(at, soft), r.Arm(at, hard));
        var fig = new Figure($"Per-class ΔIoU at s = {at}: {soft.Name()} − {hard.Name()} (classes from the smallest train pixel share)");
        fig.Add(new Bar(order.Select(c => r.ClassNames[c]).ToArray(), order.Select(c => a.PerClassIoU[c] - b.PerClassIoU[c]).ToArray())
        {
            Name = "ΔIoU",
            ErrorY = r.Config.Seeds.Length > 1 ? order.Select(c => Math.Sqrt(Square(ClassStd(r, at, soft, c)) + Square(ClassStd(r, at, hard, c)))).ToArray() : null,
        });
        fig.Layout.XAxis.Title = "class";
        fig.Layout.YAxis.Title = "ΔIoU (points)";
        fig.Layout.Width = 900;
        return fig;
    }

    /// <summary>Figure 3: val mIoU against training wall seconds per epoch, one point per (rule, s), lines joining a rule's factors.</summary>
    public static Figure MeanIoUVsTime(SoftLabelTrainingResult r)
    {
        var fig = new Figure("Val mIoU against training time per epoch (2 cores), one point per rule and factor");
        foreach (var rule in r.Config.Rules)
        {
            var arms = r.Config.Factors.Select(s => r.Arm(s, rule)).ToArray();
            fig.Add(new Scatter(arms.Select(a => a.SecondsPerEpoch).ToArray(), arms.Select(a => a.MeanIoU).ToArray())
            { Name = rule.Name(), Mode = ScatterMode.Lines | ScatterMode.Markers, Dash = rule.IsSoft() ? null : LineDash.Dash });
        }
        if (r.Reference is { } reference)
            fig.Add(new Scatter([reference.SecondsPerEpoch], [reference.MeanIoU]) { Name = "s = 1 reference", Mode = ScatterMode.Markers, Color = "black" });
        fig.Layout.XAxis.Title = "wall seconds per epoch (log)";
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.YAxis.Title = "val mIoU";
        fig.Layout.Width = 860;
        return fig;
    }

    private static double ClassStd(SoftLabelTrainingResult r, int s, LabelDownsampling rule, int c) =>
        SeedStats.Std(r.Runs.Where(x => x.Factor == s && x.Rule == rule).Select(x => x.PerClassIoU[c]));

    private static double Square(double x) => x * x;

    private static string Seeds(SoftLabelTrainingResult r) =>
        r.Config.Seeds.Length > 1 ? $"mean ± std over seeds {string.Join(", ", r.Config.Seeds)}" : $"seed {r.Config.Seeds[0]}";
}
