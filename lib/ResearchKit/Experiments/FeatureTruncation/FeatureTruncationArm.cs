using ResearchKit.Metrics;
using ResearchKit.Experiments.PredictionGrid;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>One (t, operator, trained or test-only) arm over its seeds.</summary>
public sealed record TruncationArm(int Stride, TruncationOperator Operator, bool TestOnly, int Seeds, double MeanIoU, double StdIoU,
    double ThinMeanIoU, long DecoderMacs, long TotalMacs, double MillisecondsPerImage)
{
    /// <summary>The arms of <paramref name="r"/>: trained first, by operator then stride; then the test-only ones.</summary>
    public static TruncationArm[] Of(FeatureTruncationResult r) => r.Runs
        .GroupBy(x => (x.TestOnly, x.Operator, x.Stride))
        .OrderBy(g => g.Key.TestOnly).ThenBy(g => g.Key.Operator).ThenBy(g => g.Key.Stride)
        .Select(g => new TruncationArm(g.Key.Stride, g.Key.Operator, g.Key.TestOnly, g.Count(), g.Average(x => x.MeanIoU),
            SeedStats.Std(g.Select(x => x.MeanIoU)), g.Average(x => x.ThinMeanIoU), g.First().DecoderMacs, g.First().TotalMacs,
            g.Average(x => x.MillisecondsPerImage)))
        .ToArray();
}
