using ResearchKit.Metrics;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>NB07's check cell: what must hold on any preset (the claim itself is judged by <see cref="SoftLabelTrainingVerdict"/>).</summary>
public static class SoftLabelTrainingChecks
{
    /// <summary>Every arm trained every seed with a finite score above a constant prediction, and arms of different rules
    /// are different runs.</summary>
    public static CheckList Evaluate(SoftLabelTrainingResult r)
    {
        var checks = new CheckList("NB07 soft-label training");
        var c = r.Config;
        checks.Equal("runs", r.Runs.Length, c.Factors.Length * c.Rules.Length * c.Seeds.Length);
        checks.Equal("reference runs", r.ReferenceRuns.Length, c.ReferenceSeeds.Length);
        var all = r.Runs.Concat(r.ReferenceRuns).ToArray();
        var floor = ConstantPrediction.MeanIoU(r.TrainPixels, r.ValPixels);
        checks.Add("every run beats predicting the most frequent train class everywhere", $"lowest {all.Min(x => x.MeanIoU):0.00}",
            $"> {floor:0.00}", all.All(x => double.IsFinite(x.MeanIoU) && x.MeanIoU > floor));
        checks.Equal("distinct run configs", all.Select(x => x.ConfigHash).Distinct().Count(), all.Length);
        return checks;
    }
}
