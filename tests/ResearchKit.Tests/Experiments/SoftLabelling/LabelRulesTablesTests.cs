using Deedle;
using ResearchKit.Experiments.SoftLabelling;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

/// <summary>NB06's tables on a constructed result (<see cref="LabelRulesFiguresTests.Constructed"/>).</summary>
public sealed class LabelRulesTablesTests
{
    [Fact]
    public void TvDistance_HasOneRowPerRule_AndDAtEachFactorAsNumbers()
    {
        var t = LabelRulesTables.TvDistance(LabelRulesFiguresTests.Constructed());
        Assert.Equal(["rule", "kind", "D(2)", "D(4)", "D(8)"], t.ColumnKeys);
        Assert.Equal(["nearest-centre", "majority", "soft-box"], t.GetColumn<string>("rule").Values);
        Assert.Equal(["hard", "hard", "soft"], t.GetColumn<string>("kind").Values);
        Assert.Equal(typeof(double), t.ColumnTypes.ElementAt(3));
        Assert.Equal(0.04, t.GetColumn<double>("D(4)")[0]);
        Assert.Equal(0.0, t.GetColumn<double>("D(8)")[2]);
    }

    [Fact]
    public void PerClass_ListsClassesBySmallestShare_WithRetentionAndCoverageOfEveryRule()
    {
        var t = LabelRulesTables.PerClass(LabelRulesFiguresTests.Constructed(), s: 8);
        Assert.Equal(["class", "share %", "R nearest-centre", "cov nearest-centre", "R majority", "cov majority", "R soft-box", "cov soft-box"], t.ColumnKeys);
        Assert.Equal("Sky", t.GetColumn<string>("class")[0]);
        Assert.Equal("Road", t.GetColumn<string>("class")[10]);
        Assert.Equal(Math.Round(100 / 82.0, 2), t.GetColumn<double>("share %")[0]); // weights 1..11 with Road 20: 82 in all
        Assert.Equal(0.5, t.GetColumn<double>("R nearest-centre")[2]);  // Pole, third smallest
        Assert.Equal(0.125, t.GetColumn<double>("cov nearest-centre")[2]);
        Assert.Equal(1.0, t.GetColumn<double>("cov soft-box")[2]);
    }

    [Fact]
    public void Settings_NameEveryRuleAndThePanel()
    {
        var t = LabelRulesTables.Settings(LabelRulesFiguresTests.Constructed().Config);
        var settings = t.GetColumn<string>("setting").Values.Zip(t.GetColumn<string>("value").Values).ToDictionary();
        Assert.Equal("nearest-centre, majority, soft-box", settings["rules"]);
        Assert.Equal("2, 4, 8", settings["factors s"]);
    }
}
