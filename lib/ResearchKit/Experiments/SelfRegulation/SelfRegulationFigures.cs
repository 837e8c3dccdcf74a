using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Training;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>The figures of NB08 and NB09 (self-regulation spec §5).</summary>
public static class SelfRegulationFigures
{
    private static readonly string[] ExitArms = ["MeaOnly", "FeatureOnly", "LogitOnly", "Paper"];

    /// <summary>NB08: mIoU by arm (mean ± seed std as a marker with error bars), each seed's value as a dot beside it.</summary>
    public static GenericChart MeanIoUByArm(SelfRegulationResult r)
    {
        var arms = r.Config.Arms.Select(a => a.Name).ToArray();
        var positions = arms.Select((_, i) => (double)i).ToArray();
        var summaries = arms.Select(r.Summary).ToArray();
        var mean = CSChart.Point<double, double, string>(positions, summaries.Select(s => s.MeanIoU).ToArray(), Name: "mean ± std",
            UseDefaults: false).Traces(("marker", Raw.Object(("color", ChartStyle.Colour(0)), ("size", 14))));
        if (r.Config.Seeds.Length > 1)
            mean = mean.Traces(("error_y", ChartParts.ErrorBars(summaries.Select(s => s.StdIoU).ToArray())));
        var runs = arms.SelectMany((a, i) => r.Of(a).Select((x, k) => (X: i + 0.15 + 0.06 * k, Y: x.MeanIoU))).ToArray();
        var seeds = CSChart.Point<double, double, string>(runs.Select(p => p.X).ToArray(), runs.Select(p => p.Y).ToArray(), Name: "one seed",
            UseDefaults: false).Traces(("marker", Raw.Object(("color", ChartStyle.Colour(1)), ("size", 7))));
        var chart = CSChart.Combine([mean, seeds]).Axis("x", title: "arm", more: [("tickvals", positions), ("ticktext", arms), ("zeroline", false)])
            .Axis("y", title: "val mIoU");
        return ChartStyle.Apply(chart, $"Val mIoU (main exit, 360×480) by arm; seeds {string.Join(", ", r.Config.Seeds)}", width: 860);
    }

    /// <summary>NB08: per-class ΔIoU of <paramref name="a"/> over <paramref name="b"/>, classes from the smallest train pixel share.</summary>
    public static GenericChart ClassGain(SelfRegulationResult r, string a = "Paper", string b = "MeaOnly")
    {
        var order = r.ClassesByShare();
        var (x, y) = (r.Summary(a), r.Summary(b));
        var chart = CSChart.Column<double, string, string>(order.Select(c => x.PerClassIoU[c] - y.PerClassIoU[c]).ToArray(),
                Keys: order.Select(c => r.ClassNames[c]).ToArray(), Name: "ΔIoU", MarkerColor: Color.fromString(ChartStyle.Colour(0)), UseDefaults: false)
            .Axis("x", title: "class").Axis("y", title: "ΔIoU (points)");
        return ChartStyle.Apply(chart, $"Per-class ΔIoU: {a} − {b} (classes from the smallest train pixel share)", width: 900);
    }

    /// <summary>NB09: mIoU of every exit 1..N, one line per multi-exit arm (mean over seeds).</summary>
    public static GenericChart ExitMeanIoU(SelfRegulationResult r)
    {
        var lines = ExitArms.Where(a => r.Of(a).Length > 0).Select((arm, k) =>
        {
            var exits = r.Summary(arm).ExitMeanIoU;
            return CSChart.Line<double, double, string>(exits.Select((_, e) => e + 1.0).ToArray(), exits, ShowMarkers: true, Name: arm,
                LineColor: Color.fromString(ChartStyle.Colour(k)), MarkerColor: Color.fromString(ChartStyle.Colour(k)), UseDefaults: false);
        });
        var chart = CSChart.Combine(lines).Axis("x", title: "exit (1 = shallowest, last = main)", more: ("tickvals", new[] { 1, 2, 3, 4 }))
            .Axis("y", title: "val mIoU");
        return ChartStyle.Apply(chart, "Val mIoU of each exit (360×480), mean over seeds", width: 820);
    }

    /// <summary>NB09: four val images where <paramref name="worse"/> (seed 0) loses thin structures (two with the most
    /// thin-class pixels wrong) or confuses object interiors (two with the highest interior confusion); rows image,
    /// ground truth, <paramref name="worse"/>, <paramref name="better"/>.</summary>
    public static GenericChart Qualitative(SelfRegulationResult r, string worse = "MeaOnly", string better = "Paper")
    {
        var (a, b) = (r.Of(worse)[0], r.Of(better)[0]);
        var thin = Top(a.ImageThinMiss, 2, []);
        var picks = thin.Concat(Top(a.ImageInteriorConfusion, 2, thin)).ToArray();
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var (predA, predB) = (Predict(a.Checkpoint, split, picks), Predict(b.Checkpoint, split, picks));
        var rows = picks.Select((p, k) =>
        {
            var (image, label) = split.Load(p);
            return new QualitativeRow(r.ValNames[p], k < 2 ? "thin miss" : "interior", image, label, predA[k], predB[k]);
        }).ToArray();
        return Qualitative(rows, worse, better);
    }

    /// <summary>One row of <see cref="Qualitative(SelfRegulationResult, string, string)"/>: a val image, its ground truth,
    /// and the two arms' predictions; <paramref name="Why"/> says why it was picked.</summary>
    internal sealed record QualitativeRow(string Name, string Why, RgbImage Image, LabelMap Truth, LabelMap Worse, LabelMap Better);

    /// <summary>The grid of <paramref name="rows"/> (one per image): image, ground truth, <paramref name="worse"/>'s and
    /// <paramref name="better"/>'s predictions, in CamVid's colours.</summary>
    internal static GenericChart Qualitative(IReadOnlyList<QualitativeRow> rows, string worse, string better)
    {
        var pictures = rows.SelectMany(x => new[]
        {
            Png.EncodeRgb(x.Image), Png.EncodePalette(x.Truth, CamVid.Palette), Png.EncodePalette(x.Worse, CamVid.Palette),
            Png.EncodePalette(x.Better, CamVid.Palette),
        }).Select(png => ChartParts.Picture(png));
        var titles = rows.SelectMany(x => new[] { x.Name, "ground truth", $"{worse} ({x.Why})", better }).ToArray();
        var chart = CSChart.Grid(pictures, rows.Count, 4, SubPlotTitles: titles, XGap: 0.04, YGap: 0.12).HideAxes(rows.Count, 4);
        return ChartStyle.Apply(chart, $"Val images where {worse} (seed 0) fails most, {better} beside it: thin structures (rows 1–2), object interiors (rows 3–4)",
            width: 1300, height: 1020);
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
