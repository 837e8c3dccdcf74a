using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Labels;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The figures of NB06 (soft-labelling spec 4/NB06): D against s, coverage per class, the visual panel.</summary>
public static class LabelRulesFigures
{
    /// <summary>D(s) against s (log x), one line per rule: soft rules solid, hard rules dashed.</summary>
    public static GenericChart TvDistance(LabelRulesResult r)
    {
        var xs = r.Config.Factors.Select(s => (double)s).ToArray();
        var lines = r.Config.Rules.Select((rule, k) => CSChart.Line<double, double, string>(xs,
            r.Config.Factors.Select(s => r.Row(rule, s).TvDistance).ToArray(), ShowMarkers: true, Name: rule.Name(),
            LineColor: Color.fromString(ChartStyle.Colour(k)), MarkerColor: Color.fromString(ChartStyle.Colour(k)),
            LineDash: ChartStyle.LabelDash(rule.IsSoft()), UseDefaults: false));
        var chart = CSChart.Combine(lines).Axis("x", title: "factor s", log: true, more: ("tickvals", xs))
            .Axis("y", title: "D(s) = mean ½·Σ_c |T − box|");
        return ChartStyle.Apply(chart, $"TV distance D(s) to the box histogram, {r.TrainImages} CamVid train labels", width: 820);
    }

    /// <summary>Grouped bars: each rule's coverage per class at factor <paramref name="s"/>, classes from the smallest
    /// train pixel share to the largest; hard rules' bars hatched.</summary>
    public static GenericChart Coverage(LabelRulesResult r, int s = 8) => PerClass(r, s, row => row.Coverage,
        $"Coverage at s = {s}: share of the blocks holding a class where the down-sampled target keeps it", "coverage");

    /// <summary>Grouped bars: each rule's retention R_c at factor <paramref name="s"/> (1 = the class keeps its mass);
    /// hard rules' bars hatched.</summary>
    public static GenericChart Retention(LabelRulesResult r, int s = 8) => PerClass(r, s, row => row.Retention,
        $"Retention at s = {s}: class mass kept, relative to full resolution", "retention R_c");

    private static GenericChart PerClass(LabelRulesResult r, int s, Func<RuleFidelityRow, double[]> values, string title, string yTitle)
    {
        var order = r.ClassesByShare();
        var names = order.Select(c => r.ClassNames[c]).ToArray();
        // Bars have no dash: a hard rule's bars are hatched instead, its colour kept.
        var bars = r.Config.Rules.Select((rule, k) => CSChart.Column<double, string, string>(
            order.Select(c => values(r.Row(rule, s))[c]).ToArray(), Keys: names, Name: rule.Name(), UseDefaults: false)
            .Traces(("marker", Raw.Object(("color", ChartStyle.Colour(k)),
                ("pattern", rule.IsSoft() ? null : Raw.Object(("shape", "/"), ("solidity", 0.4)))))));
        var chart = CSChart.Combine(bars).Layout(("barmode", "group"))
            .Axis("x", title: "class (smallest train pixel share first)").Axis("y", title: yTitle);
        return ChartStyle.Apply(chart, title, width: 1100);
    }

    /// <summary>The visual panel: the full-resolution label, NearestCentre at 1/s, SoftBox at 1/s drawn as Σ_c T[c]·colour_c
    /// (void mass black), and the image at 1/s (area mean), for train image <see cref="LabelRulesConfig.PanelImage"/>.</summary>
    public static GenericChart Panel(LabelRulesConfig cfg) => Panel(CamVid.Open(DataPaths.CamVid).Split("train"), cfg.PanelImage, cfg.PanelFactor);

    /// <summary>The visual panel for image <paramref name="index"/> of <paramref name="split"/> at factor <paramref name="s"/>.</summary>
    public static GenericChart Panel(CamVidSplit split, int index, int s)
    {
        var (image, label) = split.Load(index);
        var nearest = LabelDownsampler.Downsample(label, s, LabelDownsampling.NearestCentre, CamVid.NumClasses, CamVid.IgnoreIndex);
        var box = SoftLabels.Downsample(label, s, LabelDownsampling.SoftBox, CamVid.NumClasses, CamVid.IgnoreIndex);
        return Panel(split.Names[index], s, label, nearest, box, SegmentationSet.Reduce(image, s, ImageResize.Area));
    }

    /// <summary>The 2×2 panel from its four pictures: <paramref name="label"/> at full resolution, <paramref name="nearest"/>
    /// and <paramref name="box"/> at 1/<paramref name="s"/>, and <paramref name="small"/>, the image at 1/s.</summary>
    internal static GenericChart Panel(string name, int s, LabelMap label, LabelMap nearest, SoftLabelMap box, RgbImage small)
    {
        var pictures = new[]
        {
            Png.EncodePalette(label, CamVid.Palette), Png.EncodePalette(nearest, CamVid.Palette), Png.EncodeRgb(Blend(box)), Png.EncodeRgb(small),
        };
        string[] titles = [$"label {name} ({label.Height}×{label.Width})", $"nearest-centre at 1/{s}",
            $"soft-box at 1/{s}: Σ_c T[c]·colour", $"image at 1/{s} (area)"];
        var chart = CSChart.Grid(pictures.Select(png => ChartParts.Picture(png)), 2, 2, SubPlotTitles: titles, XGap: 0.08, YGap: 0.12)
            .HideAxes(2, 2);
        return ChartStyle.Apply(chart, $"What a {nearest.Height}×{nearest.Width} target keeps of one CamVid train label", width: 1000, height: 820);
    }

    /// <summary>Σ_c T[c,p]·colour_c per pixel: mixed colours where the soft label is mixed, darker where mass went to void.</summary>
    public static RgbImage Blend(SoftLabelMap t)
    {
        var plane = t.Height * t.Width;
        var palette = CamVid.Palette;
        var data = new byte[plane * 3];
        for (var p = 0; p < plane; p++)
            for (var k = 0; k < 3; k++)
            {
                double v = 0;
                for (var c = 0; c < t.NumClasses; c++) v += t.Data[c * plane + p] * palette[3 * c + k];
                data[3 * p + k] = (byte)Math.Clamp(Math.Round(v), 0, 255);
            }
        return new RgbImage(t.Height, t.Width, data);
    }
}
