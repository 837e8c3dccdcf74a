using ResearchKit.Data;
using ResearchKit.Plots;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>The figures of NB00: the data, class frequencies, training curves, per-class IoU, confusion and predictions.</summary>
public static class CamVidBaselineFigures
{
    private static readonly string[] ModelColours = ["#1f77b4", "#d62728"];

    /// <summary><see cref="CamVidBaselineConfig.DataImages"/> train images spread over the split, above their labels.</summary>
    public static Figure DataExamples(CamVidBaselineConfig cfg)
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("train");
        var picks = CamVidBaseline.Spread(split.Count, cfg.DataImages);
        var n = picks.Length;
        var fig = Figure.Subplots(2, n, 0.02, 0.06, picks.Select(i => split.Names[i])
            .Concat(Enumerable.Range(0, n).Select(_ => "label")).ToArray());
        fig.Layout.Title = "CamVid train: images (480×360) and labels (class palette, Unlabelled black)";
        fig.Layout.Width = 400 * n;
        fig.Layout.Height = 640;
        for (var i = 0; i < n; i++)
        {
            var (image, label) = split.Load(picks[i]);
            fig.Add(new ImageTrace(Png.EncodeRgb(image)), 1, i + 1);
            fig.Add(new ImageTrace(Png.EncodePalette(label, CamVid.Palette)), 2, i + 1);
        }
        HideAxes(fig, 2, n);
        return fig;
    }

    /// <summary>Share of labelled pixels per class in train and val (log scale: the thin classes are 100× rarer than Road).</summary>
    public static Figure ClassFrequencies(CamVidBaselineResult r)
    {
        var fig = new Figure($"Class frequencies: share of labelled pixels ({r.TrainImages} train, {r.ValImages} val images)");
        fig.Add(new Bar(r.ClassNames, Shares(r.TrainPixels)) { Name = "train" });
        fig.Add(new Bar(r.ClassNames, Shares(r.ValPixels)) { Name = "val" });
        fig.Layout.BarMode = BarMode.Group;
        fig.Layout.YAxis.Type = AxisType.Log;
        fig.Layout.YAxis.Title = "share of labelled pixels";
        fig.Layout.XAxis.Title = $"class (Unlabelled: {100.0 * r.TrainPixels[^1] / r.TrainPixels.Sum():0.0}% of train pixels, excluded)";
        fig.Layout.Width = 900;
        return fig;
    }

    /// <summary>Mean training loss per epoch and val mIoU at the evaluation epochs, both models.</summary>
    public static Figure TrainingCurves(CamVidBaselineResult r)
    {
        var fig = Figure.Subplots(1, 2, 0.1, 0.1, "mean training loss (CE over non-void pixels)", "val mIoU (%), full resolution");
        fig.Layout.Title = "Training curves";
        fig.Layout.Width = 1100;
        fig.Layout.Height = 420;
        for (var m = 0; m < r.Models.Length; m++)
        {
            var run = r.Models[m];
            var epochs = run.Train.Epochs;
            fig.Add(new Scatter(epochs.Select(e => (double)e.Epoch).ToArray(), epochs.Select(e => e.MeanLoss).ToArray())
            { Name = run.Name, Color = ModelColours[m], Mode = ScatterMode.Lines | ScatterMode.Markers }, 1, 1);
            var evaluated = epochs.Where(e => double.IsFinite(e.ValMeanIoU)).ToArray();
            fig.Add(new Scatter(evaluated.Select(e => (double)e.Epoch).ToArray(), evaluated.Select(e => e.ValMeanIoU).ToArray())
            { Name = run.Name, Color = ModelColours[m], Mode = ScatterMode.Lines | ScatterMode.Markers, ShowLegend = false }, 1, 2);
        }
        fig.XAxis(1, 1).Title = "epoch";
        fig.XAxis(1, 2).Title = "epoch";
        return fig;
    }

    /// <summary>Val IoU per class for both models, classes in order of train frequency.</summary>
    public static Figure PerClassIoU(CamVidBaselineResult r)
    {
        var order = Enumerable.Range(0, r.ClassNames.Length).OrderByDescending(c => r.TrainPixels[c]).ToArray();
        var fig = new Figure("Val IoU per class (classes by train frequency, most frequent first)");
        for (var m = 0; m < r.Models.Length; m++)
        {
            var run = r.Models[m];
            fig.Add(new Bar(order.Select(c => r.ClassNames[c]).ToArray(),
                order.Select(c => double.IsNaN(run.Train.Final.PerClassIoU[c]) ? 0 : run.Train.Final.PerClassIoU[c]).ToArray())
            { Name = $"{run.Name} (mIoU {run.Train.Final.MeanIoU:0.00})", Color = ModelColours[m] });
        }
        fig.Layout.BarMode = BarMode.Group;
        fig.Layout.YAxis.Title = "IoU (%)";
        fig.Layout.YAxis.Range = (0, 100);
        fig.Layout.Width = 1000;
        return fig;
    }

    /// <summary>The val confusion matrix of <paramref name="model"/>, each truth row normalised to 100%.</summary>
    public static Figure Confusion(CamVidBaselineResult r, string model)
    {
        var run = r.Model(model);
        int c = r.ClassNames.Length;
        var z = new double[c, c];
        for (var t = 0; t < c; t++)
        {
            double row = run.Confusion[t].Sum();
            for (var p = 0; p < c; p++) z[t, p] = row == 0 ? 0 : Math.Round(100 * run.Confusion[t][p] / row, 2);
        }
        var fig = new Figure($"{model}: val confusion matrix (% of each true class's pixels; void excluded)");
        var ticks = Enumerable.Range(0, c).Select(i => (double)i).ToArray();
        fig.Add(new Heatmap(z) { X = ticks, Y = ticks, Colorscale = Colorscale.Viridis, ZMin = 0, ZMax = 100, ColorbarTitle = "%" });
        fig.Layout.XAxis.Title = "predicted";
        fig.Layout.YAxis.Title = "true";
        fig.Layout.XAxis.TickVals = fig.Layout.YAxis.TickVals = ticks;
        fig.Layout.XAxis.TickText = fig.Layout.YAxis.TickText = r.ClassNames;
        fig.Layout.YAxis.Reversed = true;
        for (var t = 0; t < c; t++)
            fig.Layout.Annotations.Add(new Annotation($"{z[t, t]:0}", t, t) { FontSize = 10, Color = z[t, t] > 60 ? "black" : "white" });
        fig.Layout.Width = 720;
        fig.Layout.Height = 640;
        return fig;
    }

    /// <summary>The first val images: image, ground truth and each model's prediction, one row per image.</summary>
    public static Figure PredictionGrid(CamVidBaselineResult r)
    {
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var rows = r.ValNames.Length;
        var cols = 2 + r.Models.Length;
        var titles = new List<string>();
        for (var i = 0; i < rows; i++)
        {
            titles.Add(r.ValNames[i]);
            titles.Add("ground truth");
            titles.AddRange(r.Models.Select(m => m.Name));
        }
        var fig = Figure.Subplots(rows, cols, 0.01, 0.04, titles.ToArray());
        fig.Layout.Title = "Val predictions (images spread over the split) next to the ground truth (Unlabelled black in the truth; models always predict a class)";
        fig.Layout.Width = 300 * cols;
        fig.Layout.Height = 250 * rows + 80;
        for (var i = 0; i < rows; i++)
        {
            var index = split.Names.ToList().IndexOf(r.ValNames[i]);
            var (image, truth) = split.Load(index);
            fig.Add(new ImageTrace(Png.EncodeRgb(image)), i + 1, 1);
            fig.Add(new ImageTrace(Png.EncodePalette(truth, CamVid.Palette)), i + 1, 2);
            for (var m = 0; m < r.Models.Length; m++)
                fig.Add(new ImageTrace(Png.EncodePalette(r.Models[m].Predictions[i], CamVid.Palette)), i + 1, 3 + m);
        }
        HideAxes(fig, rows, cols);
        return fig;
    }

    private static double[] Shares(long[] pixels)
    {
        double labelled = pixels[..^1].Sum();
        return pixels[..^1].Select(p => p / labelled).ToArray();
    }

    private static void HideAxes(Figure fig, int rows, int cols)
    {
        for (var i = 1; i <= rows; i++)
            for (var j = 1; j <= cols; j++)
            {
                fig.XAxis(i, j).Visible = false;
                fig.YAxis(i, j).Visible = false;
            }
    }
}
