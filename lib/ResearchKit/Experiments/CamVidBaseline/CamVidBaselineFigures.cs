using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Data;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>The figures of NB00: the data, class frequencies, training curves, per-class IoU, confusion and predictions.</summary>
public static class CamVidBaselineFigures
{
    // U-Net blue, DeepLabV3+ red, in every figure of NB00.
    private static readonly string[] ModelColours = [ChartStyle.Colour(0), ChartStyle.Colour(3)];

    /// <summary><see cref="CamVidBaselineConfig.DataImages"/> train images spread over the split, above their labels.</summary>
    public static GenericChart DataExamples(CamVidBaselineConfig cfg)
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("train");
        var picks = CamVidBaseline.Spread(split.Count, cfg.DataImages);
        var n = picks.Length;
        var samples = picks.Select(i => split.Load(i)).ToArray();
        var panels = samples.Select(s => ChartParts.Picture(Png.EncodeRgb(s.Image)))
            .Concat(samples.Select(s => ChartParts.Picture(Png.EncodePalette(s.Label, CamVid.Palette))));
        var titles = picks.Select(i => split.Names[i]).Concat(Enumerable.Repeat("label", n));
        var chart = CSChart.Grid(panels, 2, n, SubPlotTitles: titles.ToArray(), XGap: 0.04, YGap: 0.12).HideAxes(2, n);
        return ChartStyle.Apply(chart, "CamVid train: images (480×360) and labels (class palette, Unlabelled black)",
            width: 400 * n, height: 640);
    }

    /// <summary>Share of labelled pixels per class in train and val (log scale: the thin classes are 100× rarer than Road).</summary>
    public static GenericChart ClassFrequencies(CamVidBaselineResult r)
    {
        var names = r.ClassNames;
        var chart = CSChart.Combine(
        [
            CSChart.Column<double, string, string>(Shares(r.TrainPixels), Keys: names, Name: "train",
                MarkerColor: Color.fromString(ChartStyle.Colour(0)), UseDefaults: false),
            CSChart.Column<double, string, string>(Shares(r.ValPixels), Keys: names, Name: "val",
                MarkerColor: Color.fromString(ChartStyle.Colour(1)), UseDefaults: false),
        ]);
        chart = chart.Layout(("barmode", "group"))
            .Axis("x", title: $"class (Unlabelled: {100.0 * r.TrainPixels[^1] / r.TrainPixels.Sum():0.0}% of train pixels, excluded)")
            .Axis("y", title: "share of labelled pixels", log: true);
        return ChartStyle.Apply(chart, $"Class frequencies: share of labelled pixels ({r.TrainImages} train, {r.ValImages} val images)", width: 900);
    }

    /// <summary>Mean training loss per epoch (left) and val mIoU at the evaluation epochs (right), both models.</summary>
    public static GenericChart TrainingCurves(CamVidBaselineResult r)
    {
        GenericChart Curves(Func<Training.EpochRecord, double> value, bool evaluatedOnly, bool legend) => CSChart.Combine(
            r.Models.Select((run, m) =>
            {
                var epochs = run.Train.Epochs.Where(e => !evaluatedOnly || double.IsFinite(e.ValMeanIoU)).ToArray();
                return CSChart.Line<double, double, string>(epochs.Select(e => (double)e.Epoch), epochs.Select(value), ShowMarkers: true,
                    Name: run.Name, ShowLegend: legend, LineColor: Color.fromString(ModelColours[m]),
                    MarkerColor: Color.fromString(ModelColours[m]), UseDefaults: false);
            }));
        var chart = CSChart.Grid([Curves(e => e.MeanLoss, false, true), Curves(e => e.ValMeanIoU, true, false)], 1, 2,
            SubPlotTitles: new[] { "mean training loss (CE over non-void pixels)", "val mIoU (%), full resolution" }, XGap: 0.2);
        chart = chart.Axis(ChartParts.XRef(1, 1, 2), title: "epoch").Axis(ChartParts.XRef(1, 2, 2), title: "epoch");
        return ChartStyle.Apply(chart, "Training curves", width: 1100, height: 420);
    }

    /// <summary>Val IoU per class for both models, classes in order of train frequency (a class never scored draws 0).</summary>
    public static GenericChart PerClassIoU(CamVidBaselineResult r)
    {
        var order = Enumerable.Range(0, r.ClassNames.Length).OrderByDescending(c => r.TrainPixels[c]).ToArray();
        var bars = r.Models.Select((run, m) => CSChart.Column<double, string, string>(
            order.Select(c => double.IsNaN(run.Train.Final.PerClassIoU[c]) ? 0 : run.Train.Final.PerClassIoU[c]),
            Keys: order.Select(c => r.ClassNames[c]).ToArray(), Name: $"{run.Name} (mIoU {run.Train.Final.MeanIoU:0.00})",
            MarkerColor: Color.fromString(ModelColours[m]), UseDefaults: false));
        var chart = CSChart.Combine(bars).Layout(("barmode", "group")).Axis("y", title: "IoU (%)", range: (0, 100));
        return ChartStyle.Apply(chart, "Val IoU per class (classes by train frequency, most frequent first)", width: 1000);
    }

    /// <summary>The val confusion matrix of <paramref name="model"/>, each truth row normalised to 100%, the diagonal
    /// (the recall) written in its cells.</summary>
    public static GenericChart Confusion(CamVidBaselineResult r, string model)
    {
        var run = r.Model(model);
        int c = r.ClassNames.Length;
        var z = new double[c][];
        for (var t = 0; t < c; t++)
        {
            double row = run.Confusion[t].Sum();
            z[t] = run.Confusion[t].Select(n => row == 0 ? 0 : Math.Round(100 * n / row, 2)).ToArray();
        }
        var ticks = Enumerable.Range(0, c).ToArray();
        var chart = CSChart.Heatmap<double, int, int, string>(z, X: ticks, Y: ticks, ColorScale: StyleParam.Colorscale.Viridis, UseDefaults: false)
            .Traces(("zmin", 0.0), ("zmax", 100.0), ("colorbar", Raw.Object(("title", Raw.Object(("text", "%"))))));
        // automargin: the house margins leave no room for class names as ticks.
        chart = chart.Axis("x", title: "predicted", more: [("tickvals", ticks), ("ticktext", r.ClassNames), ("automargin", true)])
            .Axis("y", title: "true", more: [("tickvals", ticks), ("ticktext", r.ClassNames), ("autorange", "reversed"), ("automargin", true)])
            .WithAnnotations(ticks.Select(t => ChartParts.Text($"{z[t][t]:0}", t, t, colour: z[t][t] > 60 ? "black" : "white", fontSize: 10)));
        return ChartStyle.Apply(chart, $"{model}: val confusion matrix (% of each true class's pixels; void excluded)", width: 720, height: 640);
    }

    /// <summary>The kept val images: image, ground truth and each model's prediction, one row per image.</summary>
    public static GenericChart PredictionGrid(CamVidBaselineResult r)
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var rows = r.ValNames.Length;
        var cols = 2 + r.Models.Length;
        var panels = new List<GenericChart>();
        var titles = new List<string>();
        for (var i = 0; i < rows; i++)
        {
            var (image, truth) = split.Load(split.Names.ToList().IndexOf(r.ValNames[i]));
            panels.Add(ChartParts.Picture(Png.EncodeRgb(image)));
            panels.Add(ChartParts.Picture(Png.EncodePalette(truth, CamVid.Palette)));
            panels.AddRange(r.Models.Select(m => ChartParts.Picture(Png.EncodePalette(m.Predictions[i], CamVid.Palette))));
            titles.Add(r.ValNames[i]);
            titles.Add("ground truth");
            titles.AddRange(r.Models.Select(m => m.Name));
        }
        var chart = CSChart.Grid(panels, rows, cols, SubPlotTitles: titles.ToArray(), XGap: 0.03, YGap: 0.15).HideAxes(rows, cols);
        return ChartStyle.Apply(chart, "Val predictions (images spread over the split) next to the ground truth " +
            "(Unlabelled black in the truth; models always predict a class)", width: 300 * cols, height: 250 * rows + 80);
    }

    private static double[] Shares(long[] pixels)
    {
        double labelled = pixels[..^1].Sum();
        return pixels[..^1].Select(p => p / labelled).ToArray();
    }
}
