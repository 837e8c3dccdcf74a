using System.Text.Json;
using ResearchKit.Charts;
using ResearchKit.Claims;
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
        // The thin classes these 16 labels hold: 4 of the 5 (one is absent from the Smoke subset).
        Assert.Equal(CamVid.ThinClassIds.Where(c => r.ClassPixelShare[c] > 0), r.RareClasses());
        Assert.Equal(4, r.RareClasses().Length);
        Assert.Equal(r.Manifest.ConfigHash, ConfigHash.Of(LabelRulesConfig.Smoke));
        Assert.True(LabelRulesChecks.Evaluate(r).AllPass, LabelRulesChecks.Evaluate(r).ToString());
        Assert.Equal(6, LabelRulesChecks.Evaluate(r).Checks.Count(c => c.Name.StartsWith("spec §3.1 worked example")));
        Assert.Equal(Outcome.Reproduced, LabelRulesChecks.Verdict(r).Outcome);
    }

    [Fact]
    public void Verdict_IsContradicted_ByAMeasuredCounterExample()
    {
        // A soft rule farther from the box histogram than a hard rule at s = 4 is a counter-example to S2.
        var r = Smoke.Value;
        var broken = r with { Rows = r.Rows.Select(x => x.Rule == LabelDownsampling.SoftBilinearAA && x.Factor == 4 ? x with { TvDistance = 0.5 } : x).ToArray() };
        var v = LabelRulesChecks.Verdict(broken);
        Assert.Equal(Outcome.Contradicted, v.Outcome);
        Assert.Contains("s=4: every soft rule has lower D than every hard rule", v.Evidence);
        Assert.False(LabelRulesChecks.Evaluate(broken).AllPass);
    }

    [Fact]
    public void TheWorkedExampleCheck_FailsWhenARuleDisagreesWithTheSpecTable()
    {
        Assert.All(LabelRulesWorkedExample.AddChecks(new CheckList("t")).Checks, c => Assert.True(c.Pass, c.ToString()));
        // The kit's nearest-centre output is not the spec's majority row: comparing them must fail (the check can fail).
        var nearest = LabelRulesWorkedExample.Compute(LabelDownsampling.NearestCentre);
        Assert.NotEqual(LabelRulesWorkedExample.Table[LabelDownsampling.Majority][0], nearest[0]);
        Assert.Equal(new double[] { 0, 0, 1, 0 }, nearest[0]); // TL: the stray class-2 pixel (spec §3.1)
    }

    [Fact]
    public void Figures_HaveOneTracePerRule_ClassesByShare_AndAxisTitles()
    {
        var r = Smoke.Value;
        var d = ChartDisplay.FigureJson(LabelRulesFigures.TvDistance(r));
        Assert.Equal(6, d["data"]!.AsArray().Count);
        Assert.Equal(new[] { 2.0, 4, 8 }, d["data"]![0]!["x"]!.AsArray().Select(x => (double)x!));
        Assert.Equal("factor s", (string)d["layout"]!["xaxis"]!["title"]!["text"]!);
        var cov = ChartDisplay.FigureJson(LabelRulesFigures.Coverage(r));
        Assert.Equal(6, cov["data"]!.AsArray().Count);
        var classes = cov["data"]![0]!["x"]!.AsArray().Select(x => (string)x!).ToArray();
        Assert.Equal(r.ClassesByShare().Select(c => r.ClassNames[c]), classes);
        Assert.Equal("group", (string)cov["layout"]!["barmode"]!);
        var panel = ChartDisplay.FigureJson(LabelRulesFigures.Panel(CamVid.Open(DataPaths.CamVid).Split("train"), 0, 8));
        Assert.Equal(4, panel["data"]!.AsArray().Count(t => (string)t!["type"]! == "image"));
        Assert.Equal("What a 45×60 target keeps of one CamVid train label", (string)panel["layout"]!["title"]!["text"]!);
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
