using ResearchKit.Experiments.PredictionGrid;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.BlockAnnotation;

/// <summary>Inputs of NB05 (training on block-wise labels, spectral spec 2.8 and 4/NB05).</summary>
/// <param name="Base">NB03's base config of the same preset (so b = 1 is NB03's finest arm, shared).</param>
/// <param name="BlockSizes">Block sizes b on the 360×480 labels (each divides 120); b = 1 is the dense labels.</param>
/// <param name="Seeds">Seeds per b.</param>
public sealed record BlockAnnotationConfig(TrainConfig Base, int[] BlockSizes, int[] Seeds)
{
    /// <summary>Seconds: NB03's Smoke base, b = 1, 2, 8.</summary>
    public static BlockAnnotationConfig Smoke { get; } = Of(Preset.Smoke, [1, 2, 8]);

    /// <summary>Minutes: NB03's Quick base (90×120, 3 epochs, one seed), b = 1, 2, 4, 8, 12, 24, 40.</summary>
    public static BlockAnnotationConfig Quick { get; } = Of(Preset.Quick, [1, 2, 4, 8, 12, 24, 40]);

    /// <summary>NB03's Paper base (12 epochs, three seeds).</summary>
    public static BlockAnnotationConfig Paper { get; } = Of(Preset.Paper, [1, 2, 4, 8, 12, 24, 40]);

    /// <summary>NB03's Full base (native 360×480).</summary>
    public static BlockAnnotationConfig Full { get; } = Of(Preset.Full, [1, 2, 4, 8, 12, 24, 40]);

    /// <summary>The seed recorded in the manifest.</summary>
    public int Seed => Seeds[0];

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static BlockAnnotationConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);

    /// <summary>The training config of block size <paramref name="b"/> and <paramref name="seed"/>.</summary>
    public TrainConfig Arm(int b, int seed) => Base with { Seed = seed, BlockSize = b == 1 ? null : b };

    private static BlockAnnotationConfig Of(Preset preset, int[] blocks)
    {
        var grid = PredictionGridConfig.For(preset);
        return new(grid.Base, blocks, grid.Seeds);
    }
}
