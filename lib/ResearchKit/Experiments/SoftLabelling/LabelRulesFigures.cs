using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Plots;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The figures of NB06 (soft-labelling spec 4/NB06): D against s, coverage per class, the visual panel.</summary>
public static class LabelRulesFigures
{
    /// <summary>D(s) against s, one line per rule (soft rules solid, hard rules dashed).</summary>
    public static Figure TvDistance(LabelRulesResult r)
    {
        var fig = new Figure($"TV distance D(s) to the box histogram, {r.TrainImages} CamVid train labels");
        foreach (var rule in r.Config.Rules)
        {
            var rows = r.Config.Factors.Select(s => r.Row(rule, s)).ToArray();
            fig.Add(new Scatter(rows.Select(x => (double)x.Factor).ToArray(), rows.Select(x => x.TvDistance).ToArray())
            {
                Name = rule.Name(), Mode = ScatterMode.Lines | ScatterMode.Markers, Dash = rule.IsSoft() ? null : LineDash.Dash,
            });
        }
        fig.Layout.XAxis.Title = "factor s";
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.XAxis.TickVals = r.Config.Factors.Select(s => (double)s).ToArray();
        fig.Layout.YAxis.Title = "D(s) = mean ½·Σ_c |T − box|";
        fig.Layout.Width = 820;
        return fig;
    }

    /// <summary>Grouped bars: each rule's coverage per class at factor <paramref name="s"/>, classes from the smallest
    /// train pixel share to the largest.</summary>
    public static Figure Coverage(LabelRulesResult r, int s = 8) => PerClass(r, s, row => row.Coverage,
        $"Coverage at s = {s}: share of the blocks holding a class where the down-sampled target keeps it", "coverage");

    /// <summary>Grouped bars: each rule's retention R_c at factor <paramref name="s"/> (1 = the class keeps its mass).</summary>
    public static Figure Retention(LabelRulesResult r, int s = 8) => PerClass(r, s, row => row.Retention,
        $"Retention at s = {s}: class mass kept, relative to full resolution", "retention R_c");

    private static Figure PerClass(LabelRulesResult r, int s, Func<RuleFidelityRow, double[]> values, string title, string yTitle)
    {
        var order = r.ClassesByShare();
        var names = order.Select(c => r.ClassNames[c]).ToArray();
        var fig = new Figure(title);
        foreach (var rule in r.Config.Rules)
            fig.Add(new Bar(names, order.Select(c => values(r.Row(rule, s))[c]).ToArray()) { Name = rule.Name() });
        fig.Layout.BarMode = BarMode.Group;
        fig.Layout.XAxis.Title = "class (smallest train pixel share first)";
        fig.Layout.YAxis.Title = yTitle;
        fig.Layout.Width = 1100;
        return fig;
    }

    /// <summary>The visual panel: the full-resolution label, NearestCentre at 1/s, SoftBox at 1/s drawn as Σ_c T[c]·colour_c
    /// (void mass black), and the image at 1/s (area mean), for train image <see cref="LabelRulesConfig.PanelImage"/>.</summary>
    public static Figure Panel(LabelRulesConfig cfg) => Panel(CamVid.Open(DataPaths.CamVid).Split("train"), cfg.PanelImage, cfg.PanelFactor);

    /// <summary>The visual panel for image <paramref name="index"/> of <paramref name="split"/> at factor <paramref name="s"/>.</summary>
    public static Figure Panel(CamVidSplit split, int index, int s)
    {
        var (image, label) = split.Load(index);
        var nearest = LabelDownsampler.Downsample(label, s, LabelDownsampling.NearestCentre, CamVid.NumClasses, CamVid.IgnoreIndex);
        var box = SoftLabels.Downsample(label, s, LabelDownsampling.SoftBox, CamVid.NumClasses, CamVid.IgnoreIndex);
        var fig = Figure.Subplots(2, 2, 0.04, 0.08, $"label {split.Names[index]} (360×480)", $"nearest-centre at 1/{s}",
            $"soft-box at 1/{s}: Σ_c T[c]·colour", $"image at 1/{s} (area)");
        fig.Layout.Title = $"What a {nearest.Height}×{nearest.Width} target keeps of one CamVid train label";
        fig.Layout.Width = 1000;
        fig.Layout.Height = 820;
        fig.Add(new ImageTrace(Png.EncodePalette(label, CamVid.Palette)), 1, 1);
        fig.Add(new ImageTrace(Png.EncodePalette(nearest, CamVid.Palette)), 1, 2);
        fig.Add(new ImageTrace(Png.EncodeRgb(Blend(box))), 2, 1);
        fig.Add(new ImageTrace(Png.EncodeRgb(SegmentationSet.Reduce(image, s, ImageResize.Area))), 2, 2);
        for (var row = 1; row <= 2; row++)
            for (var col = 1; col <= 2; col++)
            {
                fig.XAxis(row, col).Visible = false;
                fig.YAxis(row, col).Visible = false;
            }
        return fig;
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
