using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>Inputs of NB00: the two training configs (U-Net and DeepLabV3+) and how many val predictions to keep.</summary>
/// <param name="UNet">The U-Net's training config (its seed is the run's seed).</param>
/// <param name="DeepLabV3Plus">The DeepLabV3+'s training config.</param>
/// <param name="PredictionImages">N val images, spread evenly over the split, whose predictions are kept for the prediction grid.</param>
/// <param name="DataImages">Train images (spread over the split) shown in the data view.</param>
public sealed record CamVidBaselineConfig(TrainConfig UNet, TrainConfig DeepLabV3Plus, int PredictionImages, int DataImages)
{
    /// <summary>Seconds: the Smoke training presets (16 train and 8 val images, 3 epochs). For tests and CI.</summary>
    public static CamVidBaselineConfig Smoke { get; } = Of(Preset.Smoke);

    /// <summary>Minutes: both networks at 90×120 (factor 4, crops 80×112, NB03's Quick base) for 16 epochs, so that the
    /// main job on Quick fits in 30 minutes on 2 cores (at 120×160 and 40 epochs NB00 alone took 16 of its 44).</summary>
    public static CamVidBaselineConfig Quick { get; } = new(AtQuarter(TrainConfig.For(Preset.Quick, ModelKind.UNet)),
        AtQuarter(TrainConfig.For(Preset.Quick, ModelKind.DeepLabV3Plus)), 4, 3);

    /// <summary>The longer schedule at 180×240 (factor 2), 40 epochs.</summary>
    public static CamVidBaselineConfig Paper { get; } = Of(Preset.Paper);

    /// <summary>Same as <see cref="Paper"/>: the baseline has no longer protocol.</summary>
    public static CamVidBaselineConfig Full { get; } = Paper;

    /// <summary>The seed of both runs.</summary>
    public int Seed => UNet.Seed;

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static CamVidBaselineConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);

    private static TrainConfig AtQuarter(TrainConfig c) => c.AtQuarterResolution() with { Epochs = 16, EvalEvery = 4 };

    private static CamVidBaselineConfig Of(Preset preset) =>
        new(TrainConfig.For(preset, ModelKind.UNet), TrainConfig.For(preset, ModelKind.DeepLabV3Plus), 4, 3);
}
