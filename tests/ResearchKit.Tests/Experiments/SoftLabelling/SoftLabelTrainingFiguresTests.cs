using ResearchKit.Charts;
using ResearchKit.Experiments.SoftLabelling;
using ResearchKit.Labels;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

/// <summary>NB07's figures on constructed runs (<see cref="SoftLabelTrainingTests.Constructed"/>: nearest-centre at 50,
/// 45, 40 for s = 2, 4, 8 plus 0.3·(seed − 1); soft-box 1, 2 and the given gaps above it; seconds per epoch = s).</summary>
public sealed class SoftLabelTrainingFiguresTests
{
    private static SoftLabelTrainingResult ThreeSeeds() => SoftLabelTrainingTests.Constructed([0, 1, 2], box: [2.5, 3.0, 3.5], aa: [2.2, 2.4, 2.6]);

    private static SoftLabelTrainingResult WithReference(SoftLabelTrainingResult r) => r with
    {
        ReferenceRuns = [new(1, LabelDownsampling.NearestCentre, 0, "ref", "test", false, 55, new double[11], 20, 300)],
    };

    [Fact]
    public void MeanIoUByFactor_OneCurvePerRule_SoftSolidHardDashed_WithSeedStds_AndTheReferenceDotted()
    {
        var fig = ChartDisplay.FigureJson(SoftLabelTrainingFigures.MeanIoUByFactor(WithReference(ThreeSeeds())));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["nearest-centre", "soft-box", "soft-bilinear-aa", "s = 1 reference (hard labels): 55.00"], data.Select(t => (string)t!["name"]!));
        Assert.Equal(["dash", "solid", "solid", "dot"], data.Select(t => (string)t!["line"]!["dash"]!));
        Assert.Equal([50.0, 45, 40], data[0]!["y"]!.AsArray().Select(v => Math.Round((double)v!, 9)));
        Assert.Equal(0.8, (double)data[1]!["error_y"]!["array"]![2]!, 9); // soft-box at s = 8: 42.2, 43.0, 43.8
        Assert.Equal([2.0, 8], data[3]!["x"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([55.0, 55], data[3]!["y"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(ChartStyle.ReferenceColour, (string)data[3]!["line"]!["color"]!);
        var x = fig["layout"]!["xaxis"]!;
        Assert.Equal(("log", "factor s (training resolution 360/s × 480/s)"), ((string)x["type"]!, (string)x["title"]!["text"]!));
        Assert.EndsWith("mean ± std over seeds 0, 1, 2", (string)fig["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void MeanIoUByFactor_WithOneSeed_DrawsNoErrorBars()
    {
        var fig = ChartDisplay.FigureJson(SoftLabelTrainingFigures.MeanIoUByFactor(SoftLabelTrainingTests.Constructed([0], box: [3.0], aa: [2.4])));
        Assert.Equal(3, fig["data"]!.AsArray().Count);
        Assert.All(fig["data"]!.AsArray(), t => Assert.Null(t!["error_y"]));
        Assert.EndsWith("; seed 0", (string)fig["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void ClassGain_BarsTheSoftMinusHardGap_ClassesBySmallestShare_WithCombinedStds()
    {
        var fig = ChartDisplay.FigureJson(SoftLabelTrainingFigures.ClassGain(ThreeSeeds()));
        var bars = fig["data"]!.AsArray().Single()!;
        Assert.Equal("bar", (string)bars["type"]!);
        // Train pixels 30, 25, 2, 33, 5, 10, 1, 1, 6, 1, 1: the four 1s (ids 6, 7, 9, 10) first, Road (33) last.
        Assert.Equal(["SignSymbol", "Fence", "Pedestrian", "Bicyclist", "Pole", "Pavement", "Car", "Tree", "Building", "Sky", "Road"],
            bars["x"]!.AsArray().Select(v => (string)v!));
        // Soft-box − nearest-centre at s = 8 is the mean gap 3.0, plus the rare-class gain 3 on ids 2, 6, 7, 9, 10.
        Assert.Equal([6.0, 6, 6, 6, 6, 3, 3, 3, 3, 3, 3], bars["y"]!.AsArray().Select(v => Math.Round((double)v!, 9)));
        Assert.Equal(Math.Sqrt(0.8 * 0.8 + 0.3 * 0.3), (double)bars["error_y"]!["array"]![0]!, 9);
        Assert.Equal("ΔIoU (points)", (string)fig["layout"]!["yaxis"]!["title"]!["text"]!);
        Assert.StartsWith("Per-class ΔIoU at s = 8: soft-box − nearest-centre", (string)fig["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void MeanIoUVsTime_PutsEachRuleOnItsSecondsPerEpoch_LogX_AndTheReferenceAsOnePoint()
    {
        var fig = ChartDisplay.FigureJson(SoftLabelTrainingFigures.MeanIoUVsTime(WithReference(ThreeSeeds())));
        var data = fig["data"]!.AsArray();
        Assert.Equal(4, data.Count);
        Assert.Equal([2.0, 4, 8], data[0]!["x"]!.AsArray().Select(v => (double)v!));
        Assert.Equal(["dash", "solid", "solid"], data.Take(3).Select(t => (string)t!["line"]!["dash"]!));
        Assert.Equal(("s = 1 reference", "markers", 20.0), ((string)data[3]!["name"]!, (string)data[3]!["mode"]!, (double)data[3]!["x"]![0]!));
        Assert.Equal("log", (string)fig["layout"]!["xaxis"]!["type"]!);
        Assert.Equal("val mIoU", (string)fig["layout"]!["yaxis"]!["title"]!["text"]!);
    }
}
