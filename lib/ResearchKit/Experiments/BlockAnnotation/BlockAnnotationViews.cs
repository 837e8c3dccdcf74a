using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Plots;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.BlockAnnotation;

/// <summary>NB05's figures, tables, checks and verdict.</summary>
public static class BlockAnnotationViews
{
    /// <summary>What NB05 trains.</summary>
    public static HtmlTable Settings(BlockAnnotationConfig cfg) => new(["setting", "value"],
    [
        ["network", $"TinyUNet widths {string.Join("-", cfg.Base.Widths)}, bottleneck {cfg.Base.Bottleneck}, dense prediction (s = 1 on its input)"],
        ["training resolution", $"{360 / cfg.Base.Factor}×{480 / cfg.Base.Factor}, crops {cfg.Base.CropHeight}×{cfg.Base.CropWidth}, {cfg.Base.Epochs} epochs"],
        ["block sizes b (on 360×480)", string.Join(", ", cfg.BlockSizes)],
        ["train labels", "block majority at full resolution (ties to the lowest id, all-void tiles void), replicated, then reduced like dense labels"],
        ["val labels", "dense, full resolution"],
        ["seeds", string.Join(", ", cfg.Seeds)],
    ], "BlockAnnotationConfig");

    /// <summary>mIoU against b (log x): trained mean ± std, the dense no-loss band ±δ, NB01's oracle; tiles per image on a second axis.</summary>
    public static Figure MeanIoUAgainstBlock(BlockAnnotationResult r, LabelSpectraResult spectra)
    {
        var bs = r.Config.BlockSizes;
        var fig = new Figure("Training on block-wise labels: val mIoU against block size b (val labels dense)");
        var at = bs.Select(r.At).ToArray();
        var xs = bs.Select(b => (double)b).ToArray();
        var dense = r.At(1);
        // The no-loss band of the verdict: dense ± δ.
        var band = BlockAnnotationVerdict.Margin;
        fig.Add(new Scatter(xs, xs.Select(_ => dense.Mean - band).ToArray()) { Name = $"dense ± δ ({band:0.0} mIoU)", LineWidth = 0, Color = "rgba(31,119,180,0.3)", ShowLegend = false });
        fig.Add(new Scatter(xs, xs.Select(_ => dense.Mean + band).ToArray())
        { Name = $"dense ± δ ({band:0.0} mIoU)", LineWidth = 0, Color = "rgba(31,119,180,0.3)", FillToPrevious = true, FillColor = "rgba(31,119,180,0.15)" });
        fig.Add(new Scatter(xs, at.Select(a => a.Mean).ToArray())
        { Name = "trained on block labels", Mode = ScatterMode.Lines | ScatterMode.Markers, ErrorY = at.Select(a => a.Std).ToArray(), Color = "#1f77b4" });
        fig.Add(new Scatter(xs, at.Select(a => a.Thin).ToArray()) { Name = "thin classes", Mode = ScatterMode.Lines | ScatterMode.Markers, Color = "#d62728" });
        var oracle = spectra.Oracle.Where(o => bs.Contains(o.Factor)).ToArray();
        fig.Add(new Scatter(oracle.Select(o => (double)o.Factor).ToArray(), oracle.Select(o => o.Majority).ToArray())
        { Name = "label-only oracle (NB01, majority blocks)", Mode = ScatterMode.Lines | ScatterMode.Markers, Dash = LineDash.Dash, Color = "gray" });
        var tiles = fig.Layout.AddOverlayAxis(fig.Layout.YAxis.Ref, AxisSide.Right);
        tiles.Type = AxisType.Log;
        tiles.Title = "tiles per image (H/b)·(W/b)";
        fig.Add(new Scatter(xs, bs.Select(b => (double)BlockAnnotationResult.Tiles(b)).ToArray())
        { Name = "tiles per image (right axis)", Mode = ScatterMode.Lines | ScatterMode.Markers, Dash = LineDash.Dot, Color = "#7f7f7f", YAxis = tiles.Ref });
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.XAxis.TickVals = xs;
        fig.Layout.XAxis.TickText = bs.Select(b => b.ToString()).ToArray();
        fig.Layout.XAxis.Title = "block size b";
        fig.Layout.YAxis.Title = "val mIoU (%)";
        fig.Layout.YAxis.Range = (0, 100);
        fig.Layout.Legend = LegendPosition.Below;
        fig.Layout.Width = 950;
        fig.Layout.Height = 540;
        return fig;
    }

    /// <summary>mIoU loss against dense (dense − b) against NB01's e_b(K*(0.95)), one point per b.</summary>
    public static Figure LossAgainstBlockError(BlockAnnotationResult r, LabelSpectraResult spectra)
    {
        var bs = r.Config.BlockSizes.Where(b => b > 1 && double.IsFinite(BlockAnnotation.BlockError(spectra, b))).ToArray();
        var dense = r.At(1).Mean;
        var fig = new Figure($"mIoU lost to block labels against their spectral error e_b(K*={spectra.Cutoff(0.95).K}) (NB01)");
        var x = bs.Select(b => BlockAnnotation.BlockError(spectra, b)).ToArray();
        var y = bs.Select(b => dense - r.At(b).Mean).ToArray();
        fig.Add(new Scatter(x, y) { Name = "block sizes", Mode = ScatterMode.Markers, MarkerSize = 10 });
        for (var i = 0; i < bs.Length; i++) fig.Layout.Annotations.Add(new Annotation($"b={bs[i]}", x[i], y[i] + 0.8) { FontSize = 10 });
        fig.Layout.XAxis.Title = "e_b(K*(0.95))";
        fig.Layout.YAxis.Title = "dense mIoU − block mIoU";
        fig.Layout.Width = 800;
        return fig;
    }

    /// <summary>One row per b: mIoU ± std, thin-class mIoU, e_b, tiles per image and their fall against dense.</summary>
    public static HtmlTable Arms(BlockAnnotationResult r, LabelSpectraResult spectra) => new(
        ["b", "val mIoU", "thin-class mIoU", "e_b(K*(0.95))", "tiles per image", "fewer tiles", "train time / run"],
        r.Config.BlockSizes.Select(b =>
        {
            var a = r.At(b);
            var e = BlockAnnotation.BlockError(spectra, b);
            return (IReadOnlyList<object?>)[b, $"{a.Mean:0.00} ± {a.Std:0.00}", a.Thin.ToString("0.00"), double.IsNaN(e) ? "n/a" : e.ToString("0.0000"),
                BlockAnnotationResult.Tiles(b).ToString("N0"), $"{(double)BlockAnnotationResult.Tiles(1) / BlockAnnotationResult.Tiles(b):0}×",
                $"{r.Runs.Where(x => x.BlockSize == b).Average(x => x.TrainSeconds) / 60:0.0} min"];
        }), "mean ± sample std over seeds; e_b from NB01's train labels at the same preset");

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
