using ResearchKit.Data;
using ResearchKit.Plots;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>The five figures of NB01 (spectral spec, section 4) plus the block-error curves, built from a result.</summary>
public static partial class LabelSpectraFigures
{

    private static readonly string[] SpectrumClasses = ["Road", "Car", "Pole"];

    /// <summary>Figure 1: a train image, its label and the fftshifted log(1+|Y_c|) of Road, Car and Pole (centre |f| ≤ 1/4 shown).</summary>
    public static Figure ExampleSpectra(int trainIndex = 0) => ExampleSpectra(CamVid.Open(DataPaths.CamVid).Split("train"), trainIndex);

    /// <summary>Figure 1 for image <paramref name="trainIndex"/> of <paramref name="split"/>.</summary>
    public static Figure ExampleSpectra(CamVidSplit split, int trainIndex)
    {
        var (image, label) = split.Load(trainIndex);
        var fig = Figure.Subplots(2, 3, 0.06, 0.12, $"image {split.Names[trainIndex]}", "label",
            "", $"log(1+|Y|) {SpectrumClasses[0]}", $"log(1+|Y|) {SpectrumClasses[1]}", $"log(1+|Y|) {SpectrumClasses[2]}");
        fig.Layout.Title = "CamVid train: image, label and per-class label spectra (centre of the DFT plane, |f| ≤ 1/4 cycles/pixel)";
        fig.Layout.Width = 1200;
        fig.Layout.Height = 760;
        fig.Add(new ImageTrace(Png.EncodeRgb(image)), 1, 1);
        fig.Add(new ImageTrace(Png.EncodePalette(label, CamVid.Palette)), 1, 2);
        for (var i = 0; i < SpectrumClasses.Length; i++)
        {
            var classId = CamVid.ClassNames.ToList().IndexOf(SpectrumClasses[i]);
            fig.Add(CentreHeatmap(LabelSpectrum.LogMagnitudeMap(label, classId), label.Height, label.Width, i == 2), 2, i + 1);
            fig.XAxis(2, i + 1).Title = "f_x (cycles/pixel)";
            fig.YAxis(2, i + 1).Title = i == 0 ? "f_y (cycles/pixel)" : null;
        }
        foreach (var (r, c) in new[] { (1, 1), (1, 2) })
        {
            fig.XAxis(r, c).Visible = false;
            fig.YAxis(r, c).Visible = false;
        }
        fig.XAxis(1, 3).Visible = false;
        fig.YAxis(1, 3).Visible = false;
        return fig;
    }

    /// <summary>The |f_y|, |f_x| ≤ 1/4 centre of an fftshifted H×W map, values rounded to 0.01 to keep the figure small.</summary>
    private static Heatmap CentreHeatmap(double[] shifted, int h, int w, bool showScale)
    {
        int ry = h / 4, rx = w / 4, cy = h / 2, cx = w / 2;
        var z = new double[2 * ry + 1, 2 * rx + 1];
        for (var i = -ry; i <= ry; i++)
            for (var j = -rx; j <= rx; j++)
                z[i + ry, j + rx] = Math.Round(shifted[(cy + i) * w + cx + j], 2);
        return new Heatmap(z)
        {
            X = Enumerable.Range(-rx, 2 * rx + 1).Select(j => (double)j / w).ToArray(),
            Y = Enumerable.Range(-ry, 2 * ry + 1).Select(i => (double)i / h).ToArray(),
            Colorscale = Colorscale.Viridis, ZMin = 0, ShowScale = showScale, ColorbarTitle = "log(1+|Y|)",
        };
    }

    /// <summary>Figure 2: pooled radial profile (log-log), total and thin classes, each normalised to sum 1.</summary>
    public static Figure RadialProfile(LabelSpectraResult r)
    {
        var fig = new Figure("Radial profile of label power, pooled over CamVid train (each curve normalised to sum 1)");
        fig.Add(RingCurve(r, r.RadialProfile, "all classes", 3));
        foreach (var name in CamVid.ThinClasses)
            fig.Add(RingCurve(r, r.ClassRadialProfiles[ClassId(r, name)], name, 1.5));
        fig.Layout.XAxis.Title = "ring frequency ρ/H (cycles/pixel)";
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.YAxis.Title = "share of Σ|Y_c|² in the ring";
        fig.Layout.Legend = LegendPosition.InsideTopRight;
        fig.Layout.Width = 900;
        fig.Layout.YAxis.Type = AxisType.Log;
        return fig;
    }

    private static Scatter RingCurve(LabelSpectraResult r, double[] profile, string name, double width)
    {
        var total = profile.Sum();
        var rings = Enumerable.Range(1, profile.Length - 1).Where(i => profile[i] > 0).ToArray(); // ring 0 (DC) has no log position
        return new Scatter(rings.Select(i => (double)i / r.Height).ToArray(), rings.Select(i => profile[i] / total).ToArray())
        { Name = name, LineWidth = width };
    }

    private static int ClassId(LabelSpectraResult r, string name) => Array.IndexOf(r.ClassNames, name);
}
