using Deedle;
using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;
using ResearchKit.Tables;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Experiments.BlockAnnotation;

/// <summary>NB05's figures, tables, checks and verdict.</summary>
public static class BlockAnnotationViews
{
    /// <summary>What NB05 trains: the settings of its <see cref="BlockAnnotationConfig"/>.</summary>
    public static Frame<int, string> Settings(BlockAnnotationConfig cfg) => Table.Settings(
    [
        ("network", $"TinyUNet widths {string.Join("-", cfg.Base.Widths)}, bottleneck {cfg.Base.Bottleneck}, dense prediction (s = 1 on its input)"),
        ("training resolution", $"{360 / cfg.Base.Factor}×{480 / cfg.Base.Factor}, crops {cfg.Base.CropHeight}×{cfg.Base.CropWidth}, {cfg.Base.Epochs} epochs"),
        ("block sizes b (on 360×480)", string.Join(", ", cfg.BlockSizes)),
        ("train labels", "block majority at full resolution (ties to the lowest id, all-void tiles void), replicated, then reduced like dense labels"),
        ("val labels", "dense, full resolution"),
        ("seeds", string.Join(", ", cfg.Seeds)),
    ]);

    /// <summary>mIoU against b (log x): trained mean with the seeds' std as error bars, thin classes, the dense no-loss
    /// band ±δ of the verdict, NB01's label-only oracle; tiles per image on a second (right, log) axis.</summary>
    public static GenericChart MeanIoUAgainstBlock(BlockAnnotationResult r, LabelSpectraResult spectra)
    {
        var bs = r.Config.BlockSizes;
        var at = bs.Select(r.At).ToArray();
        var xs = bs.Select(b => (double)b).ToArray();
        var dense = r.At(1);
        var oracle = spectra.Oracle.Where(o => bs.Contains(o.Factor)).ToArray();
        // The no-loss band of the verdict: dense ± δ, one closed outline (fill "tonexty" would make plotly.js list the
        // legend in reverse).
        var band = BlockAnnotationVerdict.Margin;
        var chart = CSChart.Combine(
        [
            CSChart.Line<double, double, string>(xs.Concat(Enumerable.Reverse(xs)), xs.Select(_ => dense.Mean - band).Concat(xs.Select(_ => dense.Mean + band)),
                Name: $"dense ± δ ({band:0.0} mIoU)", LineWidth: 0, LineColor: Color.fromString("rgba(31,119,180,0.3)"), UseDefaults: false)
                .Traces(("fill", "toself"), ("fillcolor", "rgba(31,119,180,0.15)")),
            Curve(xs, at.Select(a => a.Mean), "trained on block labels", ChartStyle.Colour(0))
                .Traces(("error_y", ChartParts.ErrorBars(at.Select(a => a.Std).ToArray()))),
            Curve(xs, at.Select(a => a.Thin), "thin classes", ChartStyle.Colour(3)),
            Curve(oracle.Select(o => (double)o.Factor), oracle.Select(o => o.Majority), "label-only oracle (NB01, majority blocks)",
                ChartStyle.GuideColour, StyleParam.DrawingStyle.Dash),
            Curve(xs, bs.Select(b => (double)BlockAnnotationResult.Tiles(b)), "tiles per image (right axis)", ChartStyle.Colour(7),
                StyleParam.DrawingStyle.Dot).Traces(("yaxis", "y2")),
        ]);
        chart = chart.Axis("x", title: "block size b", log: true, more: [("tickvals", xs), ("ticktext", bs.Select(b => b.ToString()).ToArray())])
            .Axis("y", title: "val mIoU (%)", range: (0, 100))
            .Axis("y2", title: "tiles per image (H/b)·(W/b)", log: true,
                more: [("overlaying", "y"), ("side", "right"), ("anchor", "x"), ("automargin", true), ("dtick", 1), ("showgrid", false)]);
        return ChartStyle.Apply(chart, "Training on block-wise labels: val mIoU against block size b (val labels dense)",
            width: 950, height: 540, legendBelow: true);
    }

    /// <summary>mIoU loss against dense (dense − b) against NB01's e_b(K*(0.95)), one labelled point per b &gt; 1 with an e_b.</summary>
    public static GenericChart LossAgainstBlockError(BlockAnnotationResult r, LabelSpectraResult spectra)
    {
        var bs = r.Config.BlockSizes.Where(b => b > 1 && double.IsFinite(BlockAnnotation.BlockError(spectra, b))).ToArray();
        var dense = r.At(1).Mean;
        var x = bs.Select(b => BlockAnnotation.BlockError(spectra, b)).ToArray();
        var y = bs.Select(b => dense - r.At(b).Mean).ToArray();
        var chart = CSChart.Point<double, double, string>(x, y, Name: "block sizes", UseDefaults: false)
            .Traces(("marker", Raw.Object(("size", 10), ("color", ChartStyle.Colour(0)))))
            // Labels a few pixels above their points, whatever the scale of the losses.
            .WithAnnotations(bs.Select((b, i) => Raw.Set(ChartParts.Text($"b={b}", x[i], y[i], fontSize: 10, yAnchor: "bottom"), ("yshift", 6))))
            .Axis("x", title: "e_b(K*(0.95))")
            .Axis("y", title: "dense mIoU − block mIoU");
        return ChartStyle.Apply(chart, $"mIoU lost to block labels against their spectral error e_b(K*={spectra.Cutoff(0.95).K}) (NB01)", width: 800);
    }

    /// <summary>One row per b: val mIoU as mean ± sample std over seeds, thin-class mIoU, e_b(K*(0.95)) from NB01's train
    /// labels at the same preset (empty where NB01 did not compute b), tiles per image and how many times fewer than
    /// dense, and the mean train time per run.</summary>
    public static Frame<int, string> Arms(BlockAnnotationResult r, LabelSpectraResult spectra) => Table.FromRows(
        ["b", "val mIoU", "thin-class mIoU", "e_b(K*(0.95))", "tiles per image", "fewer tiles (×)", "train time / run (min)"],
        r.Config.BlockSizes.Select(b =>
        {
            var a = r.At(b);
            var e = BlockAnnotation.BlockError(spectra, b);
            return (IReadOnlyList<object?>)[b, $"{a.Mean:0.00} ± {a.Std:0.00}", Math.Round(a.Thin, 2), double.IsNaN(e) ? null : Math.Round(e, 4),
                BlockAnnotationResult.Tiles(b), Math.Round((double)BlockAnnotationResult.Tiles(1) / BlockAnnotationResult.Tiles(b)),
                Math.Round(r.Runs.Where(x => x.BlockSize == b).Average(x => x.TrainSeconds) / 60, 1)];
        }));

    private static GenericChart Curve(IEnumerable<double> x, IEnumerable<double> y, string name, string colour,
        StyleParam.DrawingStyle? dash = null) =>
        CSChart.Line<double, double, string>(x, y, ShowMarkers: true, Name: name, LineColor: Color.fromString(colour),
            MarkerColor: Color.fromString(colour), LineDash: dash ?? StyleParam.DrawingStyle.Solid, UseDefaults: false);

    /// <summary>NB05's verdict by the verdict rule (<see cref="BlockAnnotationVerdict.Of"/>) with NB01's e_b(K*(0.95)).</summary>
    public static Claims.Verdict Verdict(BlockAnnotationResult r, LabelSpectraResult spectra) =>
        BlockAnnotationVerdict.Of(r.Runs, b => BlockAnnotation.BlockError(spectra, b));

    /// <summary>What must hold on any preset: every run finished with a finite score; tiles fall as b grows.</summary>
    public static CheckList Checks(BlockAnnotationResult r)
    {
        var checks = new CheckList("NB05 block annotation");
        checks.Equal("runs", r.Runs.Length, r.Config.BlockSizes.Length * r.Config.Seeds.Length);
        checks.Add("every run has a finite val mIoU", string.Join(", ", r.Runs.Select(x => x.MeanIoU.ToString("0.0"))), "finite", r.Runs.All(x => double.IsFinite(x.MeanIoU)));
        var tiles = r.Config.BlockSizes.Select(BlockAnnotationResult.Tiles).ToArray();
        checks.Add("tiles per image fall as b grows", string.Join(" > ", tiles), "strictly decreasing", tiles.Zip(tiles.Skip(1)).All(p => p.Second < p.First));
        return checks;
    }
}
