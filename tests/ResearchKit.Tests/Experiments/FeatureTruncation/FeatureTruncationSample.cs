using ResearchKit.Experiments.FeatureTruncation;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;
using ResearchKit.Spectral;

namespace ResearchKit.Tests.Experiments.FeatureTruncation;

/// <summary>A hand-made NB04 result (no training) for the figure and table tests: t = 1, 2, 4, both operators, seeds 0
/// and 1, and the test-only arms; plus NB01's cut-offs.</summary>
internal static class FeatureTruncationSample
{
    private const TruncationOperator Area = TruncationOperator.AreaDownsample, Spectral = TruncationOperator.SpectralCrop;

    /// <summary>Decoder MACs 400, 100, 25 M at t = 1, 2, 4 (600 M outside the decoder); ms per image 10 (Area), 12
    /// (Spectral). mIoU of seed 0 / 1: t = 1 40 / 42; Area 39 / 41 at t = 2 and 36 / 38 at t = 4, Spectral one point
    /// higher; test-only Area 35 (t = 2) and 30 (t = 4) in both seeds, Spectral one point higher.</summary>
    public static FeatureTruncationResult Result()
    {
        static long Macs(int t) => 400_000_000 / (t * t);
        static double Lift(TruncationOperator op) => op == Spectral ? 1 : 0;
        static TruncationRun Run(int t, TruncationOperator op, int seed, double miou, bool testOnly = false) =>
            new(t, op, testOnly, seed, "hash", "commit", miou, 1.0, Macs(t), Macs(t) + 600_000_000, op == Area ? 10 : 12, 60);
        var runs = new List<TruncationRun>();
        foreach (var seed in new[] { 0, 1 })
        {
            runs.AddRange([Run(1, Area, seed, 40 + 2 * seed), Run(1, Spectral, seed, 40 + 2 * seed)]);
            foreach (var op in new[] { Area, Spectral })
                runs.AddRange([Run(2, op, seed, 39 + Lift(op) + 2 * seed), Run(4, op, seed, 36 + Lift(op) + 2 * seed),
                    Run(2, op, seed, 35 + Lift(op), testOnly: true), Run(4, op, seed, 30 + Lift(op), testOnly: true)]);
        }
        return new FeatureTruncationResult(FeatureTruncationConfig.Smoke, Manifest(), [.. runs]);
    }

    /// <summary>NB01's result with only the cut-offs filled in: s*(0.90) = 20, s*(0.95) = 7.5, s*(0.99) = 1.8.</summary>
    public static LabelSpectraResult Spectra() => new(LabelSpectraConfig.Smoke, Manifest(), 360, 480, 11, [], 8, 8, 1, [], [],
        [new(0.90, 9, 20), new(0.95, 24, 7.5), new(0.99, 100, 1.8)], [], [], [], [], []);

    private static RunManifest Manifest() => new("FeatureTruncation", "hash", 0, "commit", "test", DateTime.UnixEpoch, 1, 2, "test machine");
}
