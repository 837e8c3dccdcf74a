using ResearchKit.Data;
using ResearchKit.Plots;
using ResearchKit.Training;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>The figures of NB08 and NB09 (self-regulation spec §5).</summary>
public static class SelfRegulationFigures
{
    private static readonly string[] ExitArms = ["MeaOnly", "FeatureOnly", "LogitOnly", "Paper"];

    /// <summary>NB08: mIoU by arm (mean ± seed std as a marker with error bars), each seed's value as a dot beside it.</summary>
    public static Figure MeanIoUByArm(SelfRegulationResult r)
    {
        var arms = r.Config.Arms.Select(a => a.Name).ToArray();
        var fig = new Figure($"Val mIoU (main exit, 360×480) by arm; seeds {string.Join(", ", r.Config.Seeds)}");
        var summaries = arms.Select(r.Summary).ToArray();
        fig.Add(new Scatter(arms.Select((_, i) => (double)i).ToArray(), summaries.Select(s => s.MeanIoU).ToArray())
        {
            Name = "mean ± std", Mode = ScatterMode.Markers, MarkerSize = 14,
            ErrorY = r.Config.Seeds.Length > 1 ? summaries.Select(s => s.StdIoU).ToArray() : null,
        });
        var runs = arms.SelectMany((a, i) => r.Of(a).Select((x, k) => (X: i + 0.15 + 0.06 * k, Y: x.MeanIoU))).ToArray();
        fig.Add(new Scatter(runs.Select(p => p.X).ToArray(), runs.Select(p => p.Y).ToArray()) { Name = "one seed", Mode = ScatterMode.Markers, MarkerSize = 7 });
        fig.Layout.XAxis.TickVals = arms.Select((_, i) => (double)i).ToArray();
        fig.Layout.XAxis.TickText = arms;
        fig.Layout.XAxis.Title = "arm";
        fig.Layout.YAxis.Title = "val mIoU";
        fig.Layout.Width = 860;
        return fig;
    }

    /// <summary>NB08: per-class ΔIoU of <paramref name="a"/> over <paramref name="b"/>, classes from the smallest train pixel share.</summary>
    public static Figure ClassGain(SelfRegulationResult r, string a = "Paper", string b = "MeaOnly")
    {
        var order = r.ClassesByShare();
        var (x, y) = (r.Summary(a), r.Summary(b));
        var fig = new Figure($"Per-class ΔIoU: {a} − {b} (classes from the smallest train pixel share)");
        fig.Add(new Bar(order.Select(c => r.ClassNames[c]).ToArray(), order.Select(c => x.PerClassIoU[c] - y.PerClassIoU[c]).ToArray()) { Name = "ΔIoU" });
        fig.Layout.XAxis.Title = "class";
        fig.Layout.YAxis.Title = "ΔIoU (points)";
        fig.Layout.Width = 900;
        return fig;
    }

    /// <summary>NB09: mIoU of every exit 1..N, one line per multi-exit arm (mean over seeds).</summary>
    public static Figure ExitMeanIoU(SelfRegulationResult r)
    {
        var fig = new Figure("Val mIoU of each exit (360×480), mean over seeds");
        foreach (var arm in ExitArms.Where(a => r.Of(a).Length > 0))
        {
            var exits = r.Summary(arm).ExitMeanIoU;
            fig.Add(new Scatter(exits.Select((_, e) => e + 1.0).ToArray(), exits) { Name = arm, Mode = ScatterMode.Lines | ScatterMode.Markers });
        }
        fig.Layout.XAxis.Title = "exit (1 = shallowest, last = main)";
        fig.Layout.XAxis.TickVals = [1, 2, 3, 4];
        fig.Layout.YAxis.Title = "val mIoU";
        fig.Layout.Width = 820;
        return fig;
    }

    /// <summary>NB09: four val images where <paramref name="worse"/> (seed 0) loses thin structures (two with the most
    /// thin-class pixels wrong) or confuses object interiors (two with the highest interior confusion); rows image,
    /// ground truth, <paramref name="worse"/>, <paramref name="better"/>.</summary>
    public static Figure Qualitative(SelfRegulationResult r, string worse = "MeaOnly", string better = "Paper")
    {
        var (a, b) = (r.Of(worse)[0], r.Of(better)[0]);
        var thin = Top(a.ImageThinMiss, 2, []);
        var picks = thin.Concat(Top(a.ImageInteriorConfusion, 2, thin)).ToArray();
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var (predA, predB) = (Predict(a.Checkpoint, split, picks), Predict(b.Checkpoint, split, picks));
        var fig = Figure.Subplots(4, 4, 0.01, 0.03, picks.SelectMany((p, k) => new[]
            { $"{r.ValNames[p]}", "ground truth", $"{worse} ({(k < 2 ? "thin miss" : "interior")})", better }).ToArray());
        fig.Layout.Title = $"Val images where {worse} (seed 0) fails most, {better} beside it: thin structures (rows 1–2), object interiors (rows 3–4)";
        fig.Layout.Width = 1300;
        fig.Layout.Height = 1020;
        for (var k = 0; k < picks.Length; k++)
        {
            var (image, label) = split.Load(picks[k]);
            fig.Add(new ImageTrace(Png.EncodeRgb(image)), k + 1, 1);
            fig.Add(new ImageTrace(Png.EncodePalette(label, CamVid.Palette)), k + 1, 2);
            fig.Add(new ImageTrace(Png.EncodePalette(predA[k], CamVid.Palette)), k + 1, 3);
            fig.Add(new ImageTrace(Png.EncodePalette(predB[k], CamVid.Palette)), k + 1, 4);
            for (var c = 1; c <= 4; c++)
            {
                fig.XAxis(k + 1, c).Visible = false;
                fig.YAxis(k + 1, c).Visible = false;
            }
        }
        return fig;
    }

    private static int[] Top(double[] scores, int n, int[] exclude) => scores.Select((v, i) => (v, i))
        .Where(p => double.IsFinite(p.v) && !exclude.Contains(p.i)).OrderByDescending(p => p.v).Take(n).Select(p => p.i).ToArray();

    private static LabelMap[] Predict(string checkpoint, CamVidSplit split, int[] picks)
    {
        var (cfg, model) = TrainedModel.Load(checkpoint);
        var set = SegmentationSet.Load(split, cfg.Factor, cfg.ImageResize, cfg.LabelRule, picks.Max() + 1);
        var truth = Enumerable.Range(0, set.Count).Select(split.LoadLabel).ToArray();
        return Evaluation.Confusion((Models.ISegmentationModel)model, set, truth, keep: picks).Predictions;
    }
}
