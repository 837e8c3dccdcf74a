using ResearchKit.Experiments.CamVidBaseline;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>Inputs of NB02 (where the cross-entropy lives in the spectrum): the trained runs to decompose, the grid
/// factors to tabulate and how many val images to use.</summary>
/// <param name="Models">The training runs (TinyUNet = the reference U-Net, then DeepLabV3+): NB00's runs of the same
/// preset, shared through their run folders. Each is decomposed at initialisation, mid-training and the end.</param>
/// <param name="GridFactors">Grid factors s of the table; K = ⌊H/(2s)⌋ at full resolution (H = 360).</param>
/// <param name="ValImageLimit">Use the first N val images (by name); null = all 101.</param>
public sealed record CeSpectralConfig(TrainConfig[] Models, int[] GridFactors, int? ValImageLimit)
{
    private static readonly int[] SpecFactors = [1, 2, 4, 8, 12, 24, 40, 60, 120];

    /// <summary>Seconds: NB00's Smoke runs, 4 val images.</summary>
    public static CeSpectralConfig Smoke { get; } = Of(Preset.Smoke, 4);

    /// <summary>NB00's Quick runs (reused when NB00 ran first), all 101 val images.</summary>
    public static CeSpectralConfig Quick { get; } = Of(Preset.Quick, null);

    /// <summary>NB00's Paper runs, all 101 val images.</summary>
    public static CeSpectralConfig Paper { get; } = Of(Preset.Paper, null);

    /// <summary>Same as <see cref="Paper"/>.</summary>
    public static CeSpectralConfig Full { get; } = Paper;

    /// <summary>The seed of the runs (each run's config carries it).</summary>
    public int Seed => Models[0].Seed;

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static CeSpectralConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);

    private static CeSpectralConfig Of(Preset preset, int? valLimit)
    {
        var baseline = CamVidBaselineConfig.For(preset);
        return new([baseline.UNet, baseline.DeepLabV3Plus], SpecFactors, valLimit);
    }
}
