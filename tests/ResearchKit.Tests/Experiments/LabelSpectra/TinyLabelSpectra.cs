using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Experiments.LabelSpectra;

/// <summary>A hand-made NB01 result on a 12×16 label grid (K = 0..6), small enough to check figures and tables by eye.</summary>
internal static class TinyLabelSpectra
{
    /// <summary>E(K) for K = 0..6.</summary>
    public static readonly double[] EnergyRatio = [0.25, 0.6, 0.8, 0.9, 0.95, 0.99, 1.0];

    /// <summary>The result: cut-offs K*(0.90) = 3 (s* = 2) and K*(0.95) = 4 (s* = 1.5); class factors 2 and 4; blocks 2 and 4;
    /// oracle at s = 4, 8, 16.</summary>
    public static LabelSpectraResult Result()
    {
        var cfg = LabelSpectraConfig.Smoke with { Taus = [0.90, 0.95], GridFactors = [2, 4], ClassFactors = [2, 4], BlockSizes = [2, 4] };
        double[] ring = [10, 4, 2, 1, 0.5, 0.25, 0.1];
        var classProfiles = CamVid.ClassNames.Select(name => name == "Pole" ? [1, 1, 1, 0, 1, 1, 1] : ring).ToArray();
        return new LabelSpectraResult(cfg, RunManifest.Start("tiny", cfg, 0), Height: 12, Width: 16, NumClasses: CamVid.ClassNames.Count,
            ClassNames: CamVid.ClassNames.ToArray(), TrainImages: 2, ValImages: 3, PooledDenominator: 123_456_789_012L, EnergyRatio: EnergyRatio,
            Grid: [new GridEnergyRow(2, 6, 8, 0.3, 0.9, 0.88), new GridEnergyRow(4, 3, 4, 0.08, 0.8, 0.79)],
            Cutoffs: [new CutoffRow(0.90, 3, 2.0), new CutoffRow(0.95, 4, 1.5)],
            Classes:
            [
                new ClassConcentrationRow(8, "Pole", 100, 0.1, [2, 4], [0.5, 0.3]),
                new ClassConcentrationRow(3, "Road", 900, 0.9, [2, 4], [0.95, 0.9]),
            ],
            RadialProfile: ring, ClassRadialProfiles: classProfiles,
            BlockErrors:
            [
                new BlockErrorRow(2, 48, [0, 0, 0.002, 0.01, 0.02, 0.05, 0.1]),
                new BlockErrorRow(4, 12, [0, 0.01, 0.02, 0.04, 0.08, 0.15, 0.3]),
            ],
            Oracle: [new OracleRow(4, 90, 89, 85), new OracleRow(8, 80, 79, 70), new OracleRow(16, 60, 59.5, 40)]);
    }
}
