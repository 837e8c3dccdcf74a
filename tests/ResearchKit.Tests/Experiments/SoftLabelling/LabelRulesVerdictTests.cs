using ResearchKit.Claims;
using ResearchKit.Experiments.SoftLabelling;
using ResearchKit.Labels;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

public sealed class LabelRulesVerdictTests
{
    [Fact]
    public void EveryPresetConfig_CanTestEveryCriterion()
    {
        Assert.Null(LabelRulesChecks.MissingForCriteria(LabelRulesConfig.Smoke));
        Assert.Null(LabelRulesChecks.MissingForCriteria(LabelRulesConfig.Quick));
    }

    [Theory]
    [InlineData(new[] { 2, 4 }, new[] { LabelDownsampling.NearestCentre, LabelDownsampling.Majority }, "no soft rule")]
    [InlineData(new[] { 2, 4 }, new[] { LabelDownsampling.SoftBox }, "no hard rule")]
    [InlineData(new[] { 2, 4 }, new[] { LabelDownsampling.SoftBilinear, LabelDownsampling.Majority }, "neither soft-box nor soft-bilinear-aa")]
    [InlineData(new[] { 8 }, new[] { LabelDownsampling.SoftBox, LabelDownsampling.Majority }, "fewer than two factors")]
    public void AConfigThatLeavesOutWhatACriterionCompares_LeavesTheClaimUntested(int[] factors, LabelDownsampling[] rules, string reason)
    {
        var cfg = LabelRulesConfig.Smoke with { Factors = factors, Rules = rules };
        var missing = LabelRulesChecks.MissingForCriteria(cfg);
        Assert.NotNull(missing);
        Assert.Contains(reason, missing);
        Assert.EndsWith("so a criterion could not fail", missing);
    }
}
