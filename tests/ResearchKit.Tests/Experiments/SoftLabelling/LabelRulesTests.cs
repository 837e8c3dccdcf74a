using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Data;
using ResearchKit.Experiments.SoftLabelling;
using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

public sealed class LabelRulesTests
{
    private static readonly Lazy<LabelRulesResult> Smoke = new(() => LabelRules.Run(LabelRulesConfig.Smoke, CamVid.Open(DataPaths.CamVid)));

    [Fact]
    public void SmokeRun_MeasuresEveryRuleAtEveryFactor_AndSoftBoxIsItsOwnReference()
    {
        var r = Smoke.Value;
        Assert.Equal((16, 11, 18), (r.TrainImages, r.NumClasses, r.Rows.Length));
        Assert.Equal(1.0, r.ClassPixelShare.Sum(), 9);
        Assert.All(r.Config.Factors, s => Assert.Equal(0.0, r.Row(LabelDownsampling.SoftBox, s).TvDistance));
        Assert.Equal(0.0, r.Row(LabelDownsampling.SoftBilinear, 2).TvDistance, 7); // ≡ SoftBox at s = 2
        Assert.Equal(5, r.RareClasses().Length);
        Assert.Equal(r.Manifest.ConfigHash, ConfigHash.Of(LabelRulesConfig.Smoke));
        Assert.True(LabelRulesChecks.Evaluate(r).AllPass, LabelRulesChecks.Evaluate(r).ToString());
    }

    [Fact]
    public void Figures_HaveOneTracePerRule_ClassesByShare_AndAxisTitles()
    {
        var r = Smoke.Value;
        var d = JsonNode.Parse(LabelRulesFigures.TvDistance(r).ToJson())!;
        Assert.Equal(6, d["data"]!.AsArray().Count);
        Assert.Equal(new[] { 2.0, 4, 8 }, d["data"]![0]!["x"]!.AsArray().Select(x => (double)x!));
        Assert.Equal("factor s", (string)d["layout"]!["xaxis"]!["title"]!["text"]!);
        var cov = JsonNode.Parse(LabelRulesFigures.Coverage(r).ToJson())!;
        Assert.Equal(6, cov["data"]!.AsArray().Count);
        var classes = cov["data"]![0]!["x"]!.AsArray().Select(x => (string)x!).ToArray();
        Assert.Equal(r.ClassesByShare().Select(c => r.ClassNames[c]), classes);
        Assert.Equal("group", (string)cov["layout"]!["barmode"]!);
        var panel = JsonNode.Parse(LabelRulesFigures.Panel(CamVid.Open(DataPaths.CamVid).Split("train"), 0, 8).ToJson())!;
        Assert.Equal(4, panel["data"]!.AsArray().Count(t => (string)t!["type"]! == "image"));
    }

    [Fact]
    public void Blend_MixesClassColoursByWeight_AndDarkensLostMass()
    {
        // Two pixels: half Sky (128,128,128) half Building (128,0,0); three quarters Road (128,64,128), a quarter void.
        var t = new SoftLabelMap(11, 1, 2, new float[22]);
        t.Data[0 * 2 + 0] = 0.5f;
        t.Data[1 * 2 + 0] = 0.5f;
        t.Data[3 * 2 + 1] = 0.75f;
        Assert.Equal(new byte[] { 128, 64, 64, 96, 48, 96 }, LabelRulesFigures.Blend(t).Data);
    }

    [Fact]
    public void Result_RoundTripsThroughTheCacheJson()
    {
        var r = Smoke.Value;
        var back = JsonSerializer.Deserialize<LabelRulesResult>(JsonSerializer.Serialize(r, ConfigHash.Json), ConfigHash.Json)!;
        Assert.Equal(r.Rows.Select(x => x.TvDistance), back.Rows.Select(x => x.TvDistance));
        Assert.Equal(r.Rows[5].Coverage, back.Rows[5].Coverage);
        Assert.Equal(r.ClassPixelShare, back.ClassPixelShare);
    }
}
