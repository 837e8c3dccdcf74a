using System.Text.Json.Nodes;
using ResearchKit.Charts;
using ResearchKit.Experiments.BlockAnnotation;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;
using static ResearchKit.Tests.Support.JsonArrays;

namespace ResearchKit.Tests.Experiments.BlockAnnotation;

/// <summary>NB05's figures (read back as plotly JSON) and tables (frames), from a hand-made result: b = 1, 2, 4, 8 with
/// seeds 0 and 1, and NB01's e_b at b = 2 and 8 only.</summary>
public sealed class BlockAnnotationViewsTests
{
    private static readonly BlockAnnotationConfig Cfg = BlockAnnotationConfig.Smoke with { BlockSizes = [1, 2, 4, 8], Seeds = [0, 1] };

    /// <summary>val mIoU of seed 0 / 1: dense 40 / 42, b = 2 40 / 41, b = 4 39 / 40, b = 8 37 / 38; thin-class mIoU 2;
    /// 60 s and 180 s of training.</summary>
    private static BlockAnnotationResult Result()
    {
        var miou = new Dictionary<int, double[]> { [1] = [40, 42], [2] = [40, 41], [4] = [39, 40], [8] = [37, 38] };
        var runs = Cfg.BlockSizes.SelectMany(b => Cfg.Seeds.Select(seed => new BlockRun(b, seed, "hash", "commit", miou[b][seed], 2, 60 + 120 * seed)));
        return new BlockAnnotationResult(Cfg, Manifest(), [.. runs]);
    }

    /// <summary>NB01 with K*(0.95) = 24, e_b(24) = 0.0034 (b = 2) and 0.037 (b = 8), and the majority oracle at s = 2, 8, 24.</summary>
    private static LabelSpectraResult Spectra()
    {
        static BlockErrorRow Errors(int b, double atCutoff) =>
            new(b, BlockAnnotationResult.Tiles(b), Enumerable.Range(0, 181).Select(k => k == 24 ? atCutoff : 0.5).ToArray());
        return new(LabelSpectraConfig.Smoke, Manifest(), 360, 480, 11, [], 8, 8, 1, [], [], [new(0.90, 9, 20), new(0.95, 24, 7.5)],
            [], [], [], [Errors(2, 0.0034), Errors(8, 0.037)], [new(2, 94, 93, 90), new(8, 80, 79, 70), new(24, 63, 62, 50)]);
    }

    private static RunManifest Manifest() => new("BlockAnnotation", "hash", 0, "commit", "test", DateTime.UnixEpoch, 1, 2, "test machine");

    [Fact]
    public void MeanIoUAgainstBlock_ShowsTheNoLossBandTheOracle_AndTilesOnALogRightAxis()
    {
        var fig = ChartDisplay.FigureJson(BlockAnnotationViews.MeanIoUAgainstBlock(Result(), Spectra()));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["dense ± δ (1.0 mIoU)", "trained on block labels", "thin classes", "label-only oracle (NB01, majority blocks)",
            "tiles per image (right axis)"], data.Select(t => t!["name"]!.GetValue<string>()));
        // The band: dense mean 41 ± δ = 1, a closed outline over b = 1..8 and back.
        Assert.Equal("toself", data[0]!["fill"]!.GetValue<string>());
        Assert.Equal([1.0, 2, 4, 8, 8, 4, 2, 1], Numbers(data[0]!["x"]));
        Assert.Equal([40.0, 40, 40, 40, 42, 42, 42, 42], Numbers(data[0]!["y"]));
        Assert.Equal([41.0, 40.5, 39.5, 37.5], Numbers(data[1]!["y"]));
        Assert.Equal([Math.Sqrt(2), Math.Sqrt(0.5), Math.Sqrt(0.5), Math.Sqrt(0.5)], Numbers(data[1]!["error_y"]!["array"]), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal([2.0, 8], Numbers(data[3]!["x"])); // the oracle at the trained block sizes only
        Assert.Equal([94.0, 80], Numbers(data[3]!["y"]));
        Assert.Equal("dash", data[3]!["line"]!["dash"]!.GetValue<string>());
        Assert.Equal([172800.0, 43200, 10800, 2700], Numbers(data[4]!["y"]));
        Assert.Equal("y2", data[4]!["yaxis"]!.GetValue<string>());
        var layout = fig["layout"]!;
        Assert.Equal(("log", "y", "right"), (layout["yaxis2"]!["type"]!.GetValue<string>(), layout["yaxis2"]!["overlaying"]!.GetValue<string>(),
            layout["yaxis2"]!["side"]!.GetValue<string>()));
        Assert.Equal("tiles per image (H/b)·(W/b)", layout["yaxis2"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("log", layout["xaxis"]!["type"]!.GetValue<string>());
        Assert.Equal([1.0, 2, 4, 8], Numbers(layout["xaxis"]!["tickvals"]));
        Assert.Equal([0.0, 100], Numbers(layout["yaxis"]!["range"]));
    }

    [Fact]
    public void LossAgainstBlockError_PlotsDenseMinusBlockAgainstEb_ForTheBlockSizesNB01Computed()
    {
        var fig = ChartDisplay.FigureJson(BlockAnnotationViews.LossAgainstBlockError(Result(), Spectra()));
        var points = fig["data"]!.AsArray().Single()!;
        Assert.Equal(("block sizes", "markers"), (points["name"]!.GetValue<string>(), points["mode"]!.GetValue<string>()));
        Assert.Equal([0.0034, 0.037], Numbers(points["x"])); // b = 4 has no e_b, b = 1 is the reference
        Assert.Equal([0.5, 3.5], Numbers(points["y"]));
        var layout = fig["layout"]!;
        var labels = layout["annotations"]!.AsArray();
        Assert.Equal(["b=2", "b=8"], labels.Select(a => a!["text"]!.GetValue<string>()));
        Assert.Equal((3.5, "bottom"), (labels[1]!["y"]!.GetValue<double>(), labels[1]!["yanchor"]!.GetValue<string>()));
        Assert.Equal("e_b(K*(0.95))", layout["xaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Equal("dense mIoU − block mIoU", layout["yaxis"]!["title"]!["text"]!.GetValue<string>());
        Assert.Contains("e_b(K*=24)", layout["title"]!["text"]!.GetValue<string>());
    }

    [Fact]
    public void Arms_KeepsTheNumbersAsNumbers_AndLeavesEbEmptyWhereNB01DidNotComputeIt()
    {
        var t = BlockAnnotationViews.Arms(Result(), Spectra());
        Assert.Equal(["b", "val mIoU", "thin-class mIoU", "e_b(K*(0.95))", "tiles per image", "fewer tiles (×)", "train time / run (min)"], t.ColumnKeys);
        Assert.Equal([1L, 2, 4, 8], t.GetColumn<long>("b").Values);
        Assert.Equal("41.00 ± 1.41", t.GetColumn<string>("val mIoU")[0]);
        Assert.Equal(2.0, t.GetColumn<double>("thin-class mIoU")[1]);
        var eb = t.GetColumn<double>("e_b(K*(0.95))");
        Assert.Equal((0.0, 0.0034, 0.037), (eb[0], eb[1], eb[3]));
        Assert.False(eb.TryGet(2).HasValue);
        Assert.Equal([172800L, 43200, 10800, 2700], t.GetColumn<long>("tiles per image").Values);
        Assert.Equal([1.0, 4, 16, 64], t.GetColumn<double>("fewer tiles (×)").Values);
        Assert.Equal(2.0, t.GetColumn<double>("train time / run (min)")[0]); // (60 s + 180 s) / 2
    }

    [Fact]
    public void Settings_ListsTheBlockSizesAndSeeds()
    {
        var t = BlockAnnotationViews.Settings(Cfg);
        Assert.Equal(["setting", "value"], t.ColumnKeys);
        var settings = t.GetColumn<string>("setting").Values.ToList();
        Assert.Equal("1, 2, 4, 8", t.GetColumn<string>("value")[settings.IndexOf("block sizes b (on 360×480)")]);
        Assert.Equal("0, 1", t.GetColumn<string>("value")[settings.IndexOf("seeds")]);
    }
}
