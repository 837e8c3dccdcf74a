using ResearchKit.Metrics;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>The verdicts of NB08 and NB09 by the spec's criteria (self-regulation spec §5), each criterion measured.
/// Real = above 1.0 point and the larger seed std (mIoU points; interior confusion in percentage points).</summary>
public static class SelfRegulationVerdicts
{
    /// <summary>NB08: reproduced if Paper beats MeaOnly for real, is at least Baseline's, and neither single-term arm is
    /// really below MeaOnly; contradicted if Paper is not really above MeaOnly; inconclusive with one seed.</summary>
    public static (string Verdict, (string Criterion, string Measured, bool Holds)[] Criteria) Ablation(SelfRegulationResult r)
    {
        var (paper, mea, baseline) = (r.Summary("Paper"), r.Summary("MeaOnly"), r.Summary("Baseline"));
        var gain = paper.MeanIoU - mea.MeanIoU;
        var real = SeedStats.IsReal(gain, paper.StdIoU, mea.StdIoU);
        var criteria = new List<(string, string, bool)>
        {
            ("Paper beats MeaOnly by a real margin", $"{gain:+0.00;-0.00} (stds {paper.StdIoU:0.00}, {mea.StdIoU:0.00})", real),
            ("Paper is at least as good as Baseline", $"{paper.MeanIoU:0.00} vs {baseline.MeanIoU:0.00}", paper.MeanIoU >= baseline.MeanIoU),
        };
        foreach (var single in new[] { "FeatureOnly", "LogitOnly" })
        {
            var s = r.Summary(single);
            criteria.Add(($"{single} is not really worse than MeaOnly", $"{s.MeanIoU - mea.MeanIoU:+0.00;-0.00}",
                !SeedStats.IsReal(mea.MeanIoU - s.MeanIoU, mea.StdIoU, s.StdIoU)));
        }
        var verdict = r.Config.Seeds.Length < 2 ? "inconclusive (one seed per arm: no seed std to judge by)"
            : !real ? (gain < 0 ? "contradicted (Paper is below MeaOnly)" : "contradicted (Paper's gain over MeaOnly is within seed noise)")
            : criteria.All(c => c.Item3) ? "reproduced" : "inconclusive (a real gain, but not every criterion holds)";
        return (verdict, criteria.ToArray());
    }

    /// <summary>NB09: reproduced if the feature term really raises thin-class mIoU, the logit term really lowers interior
    /// confusion, and the test-time overhead is exactly zero; contradicted if each term helps only the other failure's
    /// metric, or neither helps; inconclusive with one seed or a mixed outcome.</summary>
    public static (string Verdict, (string Criterion, string Measured, bool Holds)[] Criteria) Diagnostics(SelfRegulationResult r)
    {
        var (mea, feature, logit, baseline) = (r.Summary("MeaOnly"), r.Summary("FeatureOnly"), r.Summary("LogitOnly"), r.Summary("Baseline"));
        var thinGain = feature.ThinMeanIoU - mea.ThinMeanIoU;
        var interiorDrop = 100 * (mea.InteriorConfusion - logit.InteriorConfusion);
        var featureFixesThin = SeedStats.IsReal(thinGain, feature.ThinStd, mea.ThinStd);
        var logitFixesInterior = SeedStats.IsReal(interiorDrop, 100 * logit.InteriorStd, 100 * mea.InteriorStd);
        var zero = r.Summaries().All(s => s.TestMacsPerImage == baseline.TestMacsPerImage && s.TestParameters == baseline.TestParameters);
        var criteria = new[]
        {
            ("the feature term really raises thin-class mIoU (FeatureOnly − MeaOnly)", $"{thinGain:+0.00;-0.00}", featureFixesThin),
            ("the logit term really lowers interior confusion (MeaOnly − LogitOnly, points)", $"{interiorDrop:+0.00;-0.00}", logitFixesInterior),
            ("test-time MACs and parameters equal Baseline's for every arm", $"{baseline.TestMacsPerImage:N0} MACs, {baseline.TestParameters:N0} parameters", zero),
        };
        var crossed = SeedStats.IsReal(100 * (mea.InteriorConfusion - feature.InteriorConfusion), 100 * feature.InteriorStd, 100 * mea.InteriorStd)
            && SeedStats.IsReal(logit.ThinMeanIoU - mea.ThinMeanIoU, logit.ThinStd, mea.ThinStd) && !featureFixesThin && !logitFixesInterior;
        var verdict = r.Config.Seeds.Length < 2 ? "inconclusive (one seed per arm: no seed std to judge by)"
            : criteria.All(c => c.Item3) ? "reproduced"
            : crossed ? "contradicted (each term helps only the other failure's metric)"
            : !featureFixesThin && !logitFixesInterior ? "contradicted (neither term moves its failure metric beyond seed noise)"
            : "inconclusive (one failure metric moves, the other does not)";
        return (verdict, criteria);
    }
}
