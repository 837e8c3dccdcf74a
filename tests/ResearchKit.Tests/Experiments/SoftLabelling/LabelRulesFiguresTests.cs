using System.Text.Json.Nodes;
using ResearchKit.Charts;
using ResearchKit.Data;
using ResearchKit.Experiments.SoftLabelling;
using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

/// <summary>NB06's figures on a constructed result (no labels read): their plotly JSON.</summary>
public sealed class LabelRulesFiguresTests
{
    private static readonly LabelDownsampling[] Rules = [LabelDownsampling.NearestCentre, LabelDownsampling.Majority, LabelDownsampling.SoftBox];

    [Fact]
    public void TvDistance_DrawsOneLinePerRule_SoftSolidHardDashed_OverLogFactors()
    {
        var fig = ChartDisplay.FigureJson(LabelRulesFigures.TvDistance(Constructed()));
        var data = fig["data"]!.AsArray();
        Assert.Equal(["nearest-centre", "majority", "soft-box"], data.Select(t => (string)t!["name"]!));
        Assert.Equal(["dash", "dash", "solid"], data.Select(t => (string)t!["line"]!["dash"]!));
        Assert.All(data, t => Assert.Equal("lines+markers", (string)t!["mode"]!));
        Assert.Equal([2.0, 4, 8], data[1]!["x"]!.AsArray().Select(x => (double)x!));
        Assert.Equal([0.01, 0.02, 0.04], data[1]!["y"]!.AsArray().Select(x => (double)x!));
        var x = fig["layout"]!["xaxis"]!;
        Assert.Equal(("log", "factor s"), ((string)x["type"]!, (string)x["title"]!["text"]!));
        Assert.Equal([2.0, 4, 8], x["tickvals"]!.AsArray().Select(v => (double)v!));
        Assert.Equal("TV distance D(s) to the box histogram, 5 CamVid train labels", (string)fig["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void Coverage_GroupsOneBarPerRule_ClassesBySmallestShareFirst_HardRulesHatched()
    {
        var r = Constructed();
        var fig = ChartDisplay.FigureJson(LabelRulesFigures.Coverage(r, s: 4));
        var data = fig["data"]!.AsArray();
        Assert.Equal(3, data.Count);
        Assert.All(data, t => Assert.Equal("bar", (string)t!["type"]!));
        // Shares grow with the class id except Road (id 3), the largest.
        string[] order = ["Sky", "Building", "Pole", "Pavement", "Tree", "SignSymbol", "Fence", "Car", "Pedestrian", "Bicyclist", "Road"];
        Assert.Equal(order, data[0]!["x"]!.AsArray().Select(c => (string)c!));
        Assert.Equal(0.25, (double)data[0]!["y"]![2]!); // nearest-centre keeps Pole (id 2) in a quarter of its blocks at s = 4
        Assert.Equal(1.0, (double)data[2]!["y"]![2]!);
        Assert.Equal("/", (string)data[1]!["marker"]!["pattern"]!["shape"]!);
        Assert.Null(data[2]!["marker"]!["pattern"]);
        Assert.Equal("group", (string)fig["layout"]!["barmode"]!);
        Assert.Equal("coverage", (string)fig["layout"]!["yaxis"]!["title"]!["text"]!);
        Assert.StartsWith("Coverage at s = 4:", (string)fig["layout"]!["title"]!["text"]!);
    }

    [Fact]
    public void Retention_PlotsTheRetainedMass_PerRuleAndClass()
    {
        var fig = ChartDisplay.FigureJson(LabelRulesFigures.Retention(Constructed(), s: 8));
        Assert.Equal(0.5, (double)fig["data"]![0]!["y"]![2]!); // nearest-centre at s = 8 keeps half of Pole's mass
        Assert.Equal("retention R_c", (string)fig["layout"]!["yaxis"]!["title"]!["text"]!);
        Assert.Equal(1100, (int)fig["layout"]!["width"]!);
    }

    [Fact]
    public void Panel_ShowsFourPicturesInA2x2Grid_WithTitlesAndNoAxes()
    {
        var label = new LabelMap(4, 4, new byte[16]);
        var nearest = new LabelMap(2, 2, [0, 1, 2, 3]);
        var box = new SoftLabelMap(11, 2, 2, new float[44]);
        var fig = ChartDisplay.FigureJson(LabelRulesFigures.Panel("0001.png", 2, label, nearest, box, new RgbImage(2, 2, new byte[12])));
        var data = fig["data"]!.AsArray();
        Assert.Equal(4, data.Count);
        Assert.All(data, t => Assert.StartsWith("data:image/png;base64,", (string)t!["source"]!));
        Assert.Equal(["x", "x2", "x3", "x4"], data.Select(t => (string)t!["xaxis"]!));
        Assert.Equal(["label 0001.png (4×4)", "nearest-centre at 1/2", "soft-box at 1/2: Σ_c T[c]·colour", "image at 1/2 (area)"],
            fig["layout"]!["annotations"]!.AsArray().Select(a => (string)a!["text"]!));
        Assert.All(new[] { "xaxis", "yaxis", "xaxis4", "yaxis4" }, id => Assert.False((bool)fig["layout"]![id]!["visible"]!));
        Assert.Equal((2, 2), ((int)fig["layout"]!["grid"]!["rows"]!, (int)fig["layout"]!["grid"]!["columns"]!));
        Assert.Equal("What a 2×2 target keeps of one CamVid train label", (string)fig["layout"]!["title"]!["text"]!);
    }

    /// <summary>Factors 2, 4, 8; D = 0.01·s (nearest-centre), 0.005·s (majority), 0 (soft-box); Pole (id 2) coverage
    /// 1/s and retention 4/s for nearest-centre, 1 elsewhere; class shares growing with the id, Road the largest.</summary>
    internal static LabelRulesResult Constructed()
    {
        var cfg = LabelRulesConfig.Smoke with { Factors = [2, 4, 8], Rules = Rules };
        var rows = Rules.SelectMany(rule => cfg.Factors.Select(s =>
        {
            bool nc = rule == LabelDownsampling.NearestCentre;
            double d = nc ? 0.01 * s : rule == LabelDownsampling.Majority ? 0.005 * s : 0;
            var retention = Enumerable.Range(0, 11).Select(c => nc && c == 2 ? 4.0 / s : 1.0).ToArray();
            var coverage = Enumerable.Range(0, 11).Select(c => nc && c == 2 ? 1.0 / s : 1.0).ToArray();
            return new RuleFidelityRow(rule, s, d, retention, coverage);
        })).ToArray();
        var share = Enumerable.Range(0, 11).Select(c => c == 3 ? 20.0 : c + 1.0).ToArray();
        share = share.Select(v => v / share.Sum()).ToArray();
        return new LabelRulesResult(cfg, RunManifest.Start("test", cfg, 0).Stop(), 11, CamVid.ClassNames.ToArray(), 5, share, rows);
    }
}
