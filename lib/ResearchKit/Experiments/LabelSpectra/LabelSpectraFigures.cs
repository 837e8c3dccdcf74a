using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Spectral;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>The five figures of NB01 (spectral spec, section 4) plus the block-error curves, built from a result.</summary>
public static partial class LabelSpectraFigures
{

    private static readonly string[] SpectrumClasses = ["Road", "Car", "Pole"];

    /// <summary>Gaps between the cells of <see cref="ExampleSpectra(CamVidSplit, int)"/> as fractions of a cell (plotly.js
    /// grid units): 6 % of the width between columns and 12 % of the height between rows, as the figure always had.</summary>
    private const double ExampleColumnGap = 0.2, ExampleRowGap = 0.27;

    /// <summary>Figure 1: a train image, its label and the fftshifted log(1+|Y_c|) of Road, Car and Pole (centre |f| ≤ 1/4 shown).</summary>
    public static GenericChart ExampleSpectra(int trainIndex = 0) => ExampleSpectra(CamVid.Open(DataPaths.CamVid).Split("train"), trainIndex);

    /// <summary>Figure 1 for image <paramref name="trainIndex"/> of <paramref name="split"/>: image and label on the top row
    /// (the third cell left empty), the three class spectra below with one colour bar.</summary>
    public static GenericChart ExampleSpectra(CamVidSplit split, int trainIndex)
    {
        var (image, label) = split.Load(trainIndex);
        var panels = new List<GenericChart>
        {
            ChartParts.Picture(Png.EncodeRgb(image), "image"),
            ChartParts.Picture(Png.EncodePalette(label, CamVid.Palette), "label"),
            CSChart.Invisible(),
        };
        for (var i = 0; i < SpectrumClasses.Length; i++)
        {
            var classId = CamVid.ClassNames.ToList().IndexOf(SpectrumClasses[i]);
            panels.Add(CentreHeatmap(LabelSpectrum.LogMagnitudeMap(label, classId), label.Height, label.Width, SpectrumClasses[i], i == 2));
        }
        string[] titles = [$"image {split.Names[trainIndex]}", "label", "",
            .. SpectrumClasses.Select(c => $"log(1+|Y|) {c}")];
        var chart = CSChart.Grid(panels, 2, 3, SubPlotTitles: titles, XGap: ExampleColumnGap, YGap: ExampleRowGap);
        for (var col = 1; col <= 3; col++)
        {
            chart.Axis(ChartParts.XRef(1, col, 3), more: [("visible", false)]).Axis(ChartParts.YRef(1, col, 3), more: [("visible", false)]);
            chart.Axis(ChartParts.XRef(2, col, 3), title: "f_x (cycles/pixel)");
        }
        chart.Axis(ChartParts.YRef(2, 1, 3), title: "f_y (cycles/pixel)");
        return ChartStyle.Apply(chart, "CamVid train: image, label and per-class label spectra (centre of the DFT plane, |f| ≤ 1/4 cycles/pixel)",
            width: 1200, height: 760, marginTop: 80);
    }

    /// <summary>The |f_y|, |f_x| ≤ 1/4 centre of an fftshifted H×W map as a heatmap, values rounded to 0.01 to keep the figure
    /// small; the colour bar, when shown, spans the bottom row of the grid only.</summary>
    private static GenericChart CentreHeatmap(double[] shifted, int h, int w, string name, bool showScale)
    {
        int ry = h / 4, rx = w / 4, cy = h / 2, cx = w / 2;
        var z = Enumerable.Range(-ry, 2 * ry + 1)
            .Select(i => Enumerable.Range(-rx, 2 * rx + 1).Select(j => Math.Round(shifted[(cy + i) * w + cx + j], 2)).ToArray())
            .ToArray(); // [row = f_y, col = f_x], row 0 at the bottom
        var fx = Enumerable.Range(-rx, 2 * rx + 1).Select(j => (double)j / w).ToArray();
        var fy = Enumerable.Range(-ry, 2 * ry + 1).Select(i => (double)i / h).ToArray();
        // A plotly.js grid row is 1 / (rows + gap·(rows − 1)) of the height: the bottom row runs from 0 to this.
        double rowHeight = 1 / (2 + ExampleRowGap);
        return CSChart.Heatmap<double, double, double, string>(z, X: fx, Y: fy, Name: name, ColorScale: StyleParam.Colorscale.Viridis,
                ShowScale: showScale, UseDefaults: false)
            .Traces(("zmin", 0.0), ("colorbar", Raw.Object(("title", Raw.Object(("text", "log(1+|Y|)"))), ("len", rowHeight),
                ("y", rowHeight / 2), ("yanchor", "middle"))));
    }


    /// <summary>Figure 2: pooled radial profile (log-log), total and thin classes, each normalised to sum 1.</summary>
    public static GenericChart RadialProfile(LabelSpectraResult r)
    {
        var curves = new List<GenericChart> { RingCurve(r, r.RadialProfile, "all classes", 3) };
        foreach (var name in CamVid.ThinClasses)
            curves.Add(RingCurve(r, r.ClassRadialProfiles[ClassId(r, name)], name, 1.5));
        var chart = CSChart.Combine(curves)
            .Axis("x", title: "ring frequency ρ/H (cycles/pixel)", log: true)
            .Axis("y", title: "share of Σ|Y_c|² in the ring", log: true)
            .Layout(("legend", ChartParts.InsideLegend("right", "top")));
        return ChartStyle.Apply(chart, "Radial profile of label power, pooled over CamVid train (each curve normalised to sum 1)", width: 900);
    }

    private static GenericChart RingCurve(LabelSpectraResult r, double[] profile, string name, double width)
    {
        var total = profile.Sum();
        var rings = Enumerable.Range(1, profile.Length - 1).Where(i => profile[i] > 0).ToArray(); // ring 0 (DC) has no log position
        return CSChart.Line<double, double, string>(rings.Select(i => (double)i / r.Height).ToArray(), rings.Select(i => profile[i] / total).ToArray(),
            Name: name, LineWidth: width, UseDefaults: false);
    }

    private static int ClassId(LabelSpectraResult r, string name) => Array.IndexOf(r.ClassNames, name);
}
