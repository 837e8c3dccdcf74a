using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Training;

/// <summary>Everything that decides a CamVid training run: model, resolution, augmentation, optimiser, schedule, seed.</summary>
/// <remarks>Training samples are the train split at 1/<see cref="Factor"/> of 360×480 (images by <see cref="ImageResize"/>,
/// labels by <see cref="LabelRule"/>), randomly cropped to <see cref="CropHeight"/>×<see cref="CropWidth"/> and flipped;
/// the optimiser is SGD with momentum and weight decay under a per-iteration poly schedule (mmsegmentation's default);
/// the loss is mean cross-entropy over non-void pixels. Val is scored at full label resolution every
/// <see cref="EvalEvery"/> epochs and after the last; the final model is the one reported (no selection on val).</remarks>
public sealed record TrainConfig(
    ModelKind Model,
    int[] Widths,
    int Bottleneck,
    int Factor,
    int CropHeight,
    int CropWidth,
    int BatchSize,
    int Epochs,
    double LearningRate,
    double Momentum,
    double WeightDecay,
    double PolyPower,
    int EvalEvery,
    int Seed,
    int Threads,
    int? TrainLimit,
    int? ValLimit,
    ImageResize ImageResize = ImageResize.Area,
    LabelDownsampling LabelRule = LabelDownsampling.NearestCentre)
{
    /// <summary>Seconds: a 2-level U-Net on 16 train and 8 val images at 45×60 for 3 epochs (tests and CI).</summary>
    public static TrainConfig Smoke { get; } = new(ModelKind.UNet, [8, 16], 32, 8, 32, 48, 4, 3, 0.05, 0.9, 1e-4, 0.9, 1, 0, 2, 16, 8);

    /// <summary>About 15–20 CPU minutes: TinyUNet on all of train at 120×160 (crops 112×160), 20 epochs.</summary>
    public static TrainConfig Quick { get; } = new(ModelKind.UNet, [16, 32, 64, 128], 256, 3, 112, 160, 8, 20, 0.05, 0.9, 1e-4, 0.9, 5, 0, 2, null, null);

    /// <summary>About 1.5 CPU hours: TinyUNet at 180×240 (crops 176×240), 40 epochs.</summary>
    public static TrainConfig Paper { get; } = Quick with { Factor = 2, CropHeight = 176, CropWidth = 240, Epochs = 40, EvalEvery = 10 };

    /// <summary>The same as <see cref="Paper"/>: the baseline needs no longer protocol.</summary>
    public static TrainConfig Full { get; } = Paper;

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static TrainConfig For(Preset preset) => preset switch
    {
        Preset.Smoke => Smoke,
        Preset.Quick => Quick,
        Preset.Paper => Paper,
        Preset.Full => Full,
        _ => throw new ArgumentOutOfRangeException(nameof(preset), preset, "unknown preset"),
    };
}
