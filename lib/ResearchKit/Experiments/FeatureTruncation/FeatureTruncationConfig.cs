using ResearchKit.Experiments.PredictionGrid;
using ResearchKit.Repro;
using ResearchKit.Spectral;
using ResearchKit.Training;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>Inputs of NB04 (decoder truncation and compute, spectral spec 2.7 and 4/NB04), on TinyUNet or, with
/// <see cref="ForDeepLab"/>, on DeepLabV3+'s decoder.</summary>
/// <param name="Base">NB03's base config of the same preset, so the AreaDownsample arms are NB03's runs (same hash).</param>
/// <param name="Strides">Decoder strides t on the network's input (t = 1 is the plain U-Net).</param>
/// <param name="Operators">How skip features are brought to stride t.</param>
/// <param name="Seeds">Seeds per arm.</param>
/// <param name="TestOnly">Also score the t = 1 model with its decoder truncated at evaluation only (no retraining).</param>
public sealed record FeatureTruncationConfig(TrainConfig Base, int[] Strides, TruncationOperator[] Operators, int[] Seeds, bool TestOnly)
{
    private static readonly TruncationOperator[] Both = [TruncationOperator.AreaDownsample, TruncationOperator.SpectralCrop];

    /// <summary>Seconds: NB03's Smoke base (2-level U-Net), t = 1, 2, 4, one seed.</summary>
    public static FeatureTruncationConfig Smoke { get; } = Of(Preset.Smoke, [1, 2, 4]);

    /// <summary>Minutes: NB03's Quick base (90×120, 3 epochs), t = 1, 2, 4, 8, one seed.</summary>
    public static FeatureTruncationConfig Quick { get; } = Of(Preset.Quick, [1, 2, 4, 8]);

    /// <summary>NB03's Paper base (120×160, f = 3, 12 epochs), t = 1, 2, 4, 8, NB03's three seeds: t = 2 is the grid
    /// s = 6, inside s*(0.95).</summary>
    public static FeatureTruncationConfig Paper { get; } = Of(Preset.Paper, [1, 2, 4, 8]);

    /// <summary>NB03's Full base (native 360×480).</summary>
    public static FeatureTruncationConfig Full { get; } = Of(Preset.Full, [1, 2, 4, 8]);

    /// <summary>The plain (t = 1) decoder's stride on the network's input: 1 for TinyUNet (its finest level), and
    /// DeepLabV3+'s fusion stride (4) for DeepLabV3+, whose t is a factor over it. The truncated decoder predicts at
    /// stride PlainDecoderStride·t, i.e. on native grid s = Base.Factor·PlainDecoderStride·t.</summary>
    public int PlainDecoderStride => Base.Model == ModelKind.DeepLabV3Plus ? Models.DeepLabV3PlusConfig.DefaultDecoderStride : 1;

    /// <summary>The seed recorded in the manifest.</summary>
    public int Seed => Seeds[0];

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static FeatureTruncationConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);

    /// <summary>The training config of stride <paramref name="t"/> with <paramref name="op"/> and <paramref name="seed"/>:
    /// decoder and classifier at stride t (t = 1: the plain network, whatever the operator). For DeepLabV3+, t is the
    /// factor over its plain decoder stride 4: the low-level features are truncated by t and the decoder runs at 4t.</summary>
    public TrainConfig Arm(int t, TruncationOperator op, int seed) => t == 1
        ? Base with { Seed = seed }
        : Base.Model == ModelKind.DeepLabV3Plus
            ? Base with { Seed = seed, DecoderStride = t, SkipOperator = op }
            : Base with { Seed = seed, DecoderStride = t, GridFactor = t, SkipOperator = op };

    /// <summary>NB04 on DeepLabV3+'s decoder: NB03's base of <paramref name="preset"/> with DeepLabV3+'s widths, t = 1, 2, 4
    /// (decoder at stride 4, 8, 16 = the output stride), both operators, the preset's seeds.</summary>
    public static FeatureTruncationConfig ForDeepLab(Preset preset)
    {
        var grid = PredictionGridConfig.For(preset);
        var deeplab = TrainConfig.For(preset, ModelKind.DeepLabV3Plus);
        var b = grid.Base with { Model = ModelKind.DeepLabV3Plus, Widths = deeplab.Widths, Bottleneck = deeplab.Bottleneck };
        return new(b, [1, 2, 4], Both, grid.Seeds, TestOnly: true);
    }

    private static FeatureTruncationConfig Of(Preset preset, int[] strides)
    {
        var grid = PredictionGridConfig.For(preset);
        return new(grid.Base, strides, Both, grid.Seeds, TestOnly: true);
    }
}
