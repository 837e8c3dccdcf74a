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
public sealed record TrainConfig
{
    /// <summary>The network.</summary>
    public required ModelKind Model { get; init; }

    /// <summary>U-Net encoder widths; DeepLabV3+/DAN stem-and-stage widths; SrNet block widths.</summary>
    public required int[] Widths { get; init; }

    /// <summary>U-Net bottleneck; DeepLabV3+ ASPP width; DAN fusion width; SrNet exit-head width.</summary>
    public required int Bottleneck { get; init; }

    /// <summary>Samples are the split at 1/Factor of 360×480.</summary>
    public required int Factor { get; init; }

    /// <summary>Crop rows.</summary>
    public required int CropHeight { get; init; }

    /// <summary>Crop columns.</summary>
    public required int CropWidth { get; init; }

    /// <summary>Samples per batch.</summary>
    public required int BatchSize { get; init; }

    /// <summary>Epochs.</summary>
    public required int Epochs { get; init; }

    /// <summary>SGD's base learning rate.</summary>
    public required double LearningRate { get; init; }

    /// <summary>SGD momentum.</summary>
    public required double Momentum { get; init; }

    /// <summary>SGD weight decay (L2, coupled, as torch.optim.SGD).</summary>
    public required double WeightDecay { get; init; }

    /// <summary>Exponent of the per-iteration poly schedule lr·(1 − it/total)^power.</summary>
    public required double PolyPower { get; init; }

    /// <summary>Val is scored every this many epochs (and after the last).</summary>
    public required int EvalEvery { get; init; }

    /// <summary>Seeds the weights (torch.manual_seed) and every data draw.</summary>
    public required int Seed { get; init; }

    /// <summary>libtorch's intra-op threads; the same seed and thread count give the same losses.</summary>
    public required int Threads { get; init; }

    /// <summary>Train on the first this-many train images (null = all).</summary>
    public int? TrainLimit { get; init; }

    /// <summary>Score the first this-many val images (null = all).</summary>
    public int? ValLimit { get; init; }

    /// <summary>How images are reduced by <see cref="Factor"/>.</summary>
    public ImageResize ImageResize { get; init; } = ImageResize.Area;

    /// <summary>How labels are reduced by <see cref="Factor"/> (soft rules train on soft targets).</summary>
    public LabelDownsampling LabelRule { get; init; } = LabelDownsampling.NearestCentre;

    /// <summary>DeepLabV3+/DAN output stride (8 or 16).</summary>
    public int OutputStride { get; init; } = 16;

    /// <summary>U-Net/DeepLabV3+ decoder truncation t (null = none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? DecoderStride { get; init; }

    /// <summary>How truncated skips are brought to stride t (null = area).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public TruncationOperator? SkipOperator { get; init; }

    /// <summary>U-Net prediction grid s (null = full resolution).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? GridFactor { get; init; }

    /// <summary>Lower end of the random rescale ratio (null = no rescale).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? MinScale { get; init; }

    /// <summary>Upper end of the random rescale ratio.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? MaxScale { get; init; }

    /// <summary>Train on b×b block-majority labels (null = dense).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public int? BlockSize { get; init; }

    /// <summary>Self-regulation (multi-exit) training (null = plain CE).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public SelfRegulationOptions? SelfRegulation { get; init; }

    /// <summary>Nesterov momentum (null = plain momentum).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public bool? Nesterov { get; init; }

    /// <summary>Clip the gradients' global L2 norm to this before each step (null = no clipping).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public double? GradClipNorm { get; init; }

    /// <summary>"cpu" (null, the default and the tested path) or "cuda"/"cuda:N"; not part of the config hash, since the
    /// same config gives the same run on any device up to floating-point rounding.</summary>
    [JsonIgnore] public string? Device { get; init; }

    /// <summary>Seconds: a 2-level U-Net on 16 train and 8 val images at 45×60 for 3 epochs (tests and CI).</summary>
    public static TrainConfig Smoke { get; } = new()
    {
        Model = ModelKind.UNet, Widths = [8, 16], Bottleneck = 32, Factor = 8, CropHeight = 32, CropWidth = 48, BatchSize = 4,
        Epochs = 3, LearningRate = 0.05, Momentum = 0.9, WeightDecay = 1e-4, PolyPower = 0.9, EvalEvery = 1, Seed = 0,
        Threads = 2, TrainLimit = 16, ValLimit = 8,
    };

    /// <summary>TinyUNet on all of train at 120×160 (crops 112×160, random flips, no rescale), 40 epochs. Augmentation:
    /// crop and flip only; a random rescale of 0.5–2.0 (mmsegmentation's ratio range) made TinyUNet worse at this size
    /// (44.71 val mIoU after 40 epochs, config bf1407d0b7ba34b2), so Quick leaves it off (<see cref="MinScale"/>).</summary>
    public static TrainConfig Quick { get; } = new()
    {
        Model = ModelKind.UNet, Widths = [16, 32, 64, 128], Bottleneck = 256, Factor = 3, CropHeight = 112, CropWidth = 160,
        BatchSize = 8, Epochs = 40, LearningRate = 0.05, Momentum = 0.9, WeightDecay = 1e-4, PolyPower = 0.9, EvalEvery = 5,
        Seed = 0, Threads = 2,
    };

    /// <summary>TinyUNet at 180×240 (crops 176×240, random flips, no rescale), 40 epochs.</summary>
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

    /// <summary>This config at 90×120 (factor 4, crops 80×112): the resolution of NB00's and NB03's Quick runs.</summary>
    public TrainConfig AtQuarterResolution() => this with { Factor = 4, CropHeight = 80, CropWidth = 112 };
}
