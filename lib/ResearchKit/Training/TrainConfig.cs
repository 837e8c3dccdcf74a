using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Losses;
using System.Text.Json.Serialization;
using ResearchKit.Repro;
using ResearchKit.Spectral;

namespace ResearchKit.Training;

/// <summary>Everything that decides a CamVid training run: model, resolution, augmentation, optimiser, schedule, seed.</summary>
/// <remarks><see cref="Widths"/> and <see cref="Bottleneck"/> are the U-Net's encoder widths and bottleneck, or
/// DeepLabV3+'s stem-and-stage widths and ASPP width (with <see cref="OutputStride"/> 8 or 16, rates 6/12/18 at 16 and
/// 12/24/36 at 8, decoder at stride 4).</remarks>
/// <remarks>Training samples are the train split at 1/<see cref="Factor"/> of 360×480 (images by <see cref="ImageResize"/>,
/// labels by <see cref="LabelRule"/>), randomly cropped to <see cref="CropHeight"/>×<see cref="CropWidth"/> and flipped;
/// the optimiser is SGD with momentum and weight decay under a per-iteration poly schedule (mmsegmentation's default);
/// the loss is mean cross-entropy over non-void pixels. Val is scored at full label resolution every
/// <see cref="EvalEvery"/> epochs and after the last; the final model is the one reported (no selection on val).</remarks>
/// <remarks><see cref="DecoderStride"/>, <see cref="SkipOperator"/> and <see cref="GridFactor"/> (U-Net only; see
/// <see cref="Models.UNetConfig"/>) truncate the decoder and coarsen the prediction grid for NB03/NB04; null means the
/// plain network and is left out of the config JSON, so configs without them keep their hash. <see cref="MinScale"/> and
/// <see cref="MaxScale"/> turn on a random rescale of each training sample before the crop (mmsegmentation's ratio
/// range, e.g. 0.5–2.0); unset, samples are not rescaled. <see cref="BlockSize"/> trains on block-wise labels (NB05:
/// the majority class of each b×b tile at full resolution, replicated back); val always stays dense.
/// <see cref="SelfRegulation"/> with <see cref="SelfRegulationOptions.MultiExit"/> trains the network inside a
/// <see cref="Models.MultiExit"/> wrapper with the self-regulation losses (NB08/NB09); the checkpoint keeps the exits,
/// evaluation runs the main path only.</remarks>
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
    LabelDownsampling LabelRule = LabelDownsampling.NearestCentre,
    int OutputStride = 16,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? DecoderStride = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] TruncationOperator? SkipOperator = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? GridFactor = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MinScale = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? MaxScale = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? BlockSize = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] SelfRegulationOptions? SelfRegulation = null)
{
    /// <summary>Seconds: a 2-level U-Net on 16 train and 8 val images at 45×60 for 3 epochs (tests and CI).</summary>
    public static TrainConfig Smoke { get; } = new(ModelKind.UNet, [8, 16], 32, 8, 32, 48, 4, 3, 0.05, 0.9, 1e-4, 0.9, 1, 0, 2, 16, 8);

    /// <summary>About 15–20 CPU minutes: TinyUNet on all of train at 120×160 (crops 112×160), 20 epochs.</summary>
    public static TrainConfig Quick { get; } = new(ModelKind.UNet, [16, 32, 64, 128], 256, 3, 112, 160, 8, 20, 0.05, 0.9, 1e-4, 0.9, 5, 0, 2, null, null);

    /// <summary>About 1.5 CPU hours: TinyUNet at 180×240 (crops 176×240), 40 epochs.</summary>
    public static TrainConfig Paper { get; } = Quick with { Factor = 2, CropHeight = 176, CropWidth = 240, Epochs = 40, EvalEvery = 10 };

    /// <summary>The same as <see cref="Paper"/>: the baseline needs no longer protocol.</summary>
    public static TrainConfig Full { get; } = Paper;

    /// <summary>The config of <paramref name="preset"/> for <paramref name="model"/>: DeepLabV3+ and DAN get backbone
    /// widths 32-32-64-128-256 and an ASPP or fusion width of 128 (Smoke: 8-8-16-16-32 and 16), everything else as the preset.</summary>
    public static TrainConfig For(Preset preset, ModelKind model) => model switch
    {
        ModelKind.UNet => For(preset),
        ModelKind.SrNet => preset == Preset.Smoke
            ? For(preset) with { Model = model, Widths = [8, 16, 16, 32], Bottleneck = 16 }
            : For(preset) with { Model = model, Widths = [32, 64, 96, 128], Bottleneck = 32 },
        ModelKind.DeepLabV3Plus or ModelKind.Dan => preset == Preset.Smoke
            ? For(preset) with { Model = model, Widths = [8, 8, 16, 16, 32], Bottleneck = 16 }
            : For(preset) with { Model = model, Widths = [32, 32, 64, 128, 256], Bottleneck = 128 },
        _ => throw new ArgumentOutOfRangeException(nameof(model), model, "unknown model"),
    };

    /// <summary>The U-Net config of <paramref name="preset"/>.</summary>
    public static TrainConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);
}
