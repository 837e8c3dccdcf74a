using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Spectral;
using ResearchKit.Training;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>Inputs of NB03 (accuracy against the prediction-grid factor s, spectral spec 4/NB03).</summary>
/// <param name="Base">The TinyUNet training config every arm shares (resolution 1/<c>Base.Factor</c>, schedule, seed
/// ignored: <paramref name="Seeds"/> replace it).</param>
/// <param name="GridFactors">Grid factors s on the full 360×480 label grid; each must be a multiple of the training
/// factor f. The network's grid is then s/f on its input: the decoder truncated (area) at r, the largest of 1, 2, 4, 8
/// dividing s/f, then area-down-sampled by s/(f·r), a 1×1 classifier, bilinear logits back to the input and to 360×480.</param>
/// <param name="Seeds">Seeds per arm (mean ± std over them).</param>
/// <remarks>The spec's protocol trains at native 360×480, where s = 1, 2 are possible; on 2 cores ResearchKit trains at
/// 1/f of it, so the finest arm is s = f and it is the reference the others are compared with. Every arm has the same
/// layers, optimiser, schedule, crops and flips.</remarks>
public sealed record PredictionGridConfig(TrainConfig Base, int[] GridFactors, int[] Seeds)
{
    /// <summary>Seconds: the Smoke training config (45×60, 16 images, 3 epochs), s = 8 and 16, one seed.</summary>
    public static PredictionGridConfig Smoke { get; } = new(TrainConfig.Smoke, [8, 16], [0]);

    /// <summary>Minutes: 90×120 (f = 4), crops 80×112, 3 epochs, s = 4, 8, 12, 24, 40, one seed.</summary>
    public static PredictionGridConfig Quick { get; } = new(AtQuarter(3), [4, 8, 12, 24, 40], [0]);

    /// <summary>A few hours on 2 cores: 120×160 (f = 3), crops 112×160, 12 epochs, s = 3, 6, 12, 24, three seeds.</summary>
    /// <remarks>At f = 4 the finest arm is s = 4 and the next s = 8, already past s*(0.95) ≈ 7.5 of CamVid's labels, so
    /// "no loss up to s*(0.95)" had no arm to test; at f = 3, s = 6 lies inside it. s = 40 is no multiple of 3 and s = 36
    /// does not divide 160, so the coarsest arm is s = 24 (beyond s*(0.90) ≈ 20).</remarks>
    public static PredictionGridConfig Paper { get; } = new(TrainConfig.Quick with
    {
        Factor = 3, CropHeight = 112, CropWidth = 160, Epochs = 12, EvalEvery = 12,
    }, [3, 6, 12, 24], [0, 1, 2]);

    /// <summary>The spec's protocol: native 360×480 (crops 240×240, multiples of every grid), s = 1..40, 40 epochs, three seeds.</summary>
    public static PredictionGridConfig Full { get; } = new(TrainConfig.Quick with
    {
        Factor = 1, CropHeight = 240, CropWidth = 240, Epochs = 40, EvalEvery = 10,
    }, [1, 2, 4, 8, 12, 24, 40], [0, 1, 2]);

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static PredictionGridConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);

    /// <summary>The training config of grid factor <paramref name="s"/> (full-resolution units) and <paramref name="seed"/>.</summary>
    public TrainConfig Arm(int s, int seed)
    {
        if (s % Base.Factor != 0)
            throw new ArgumentException($"grid factor {s} is not a multiple of the training factor {Base.Factor}: it has no grid on the {360 / Base.Factor}×{480 / Base.Factor} input");
        var local = s / Base.Factor;
        return Base with
        {
            Seed = seed,
            GridFactor = local == 1 ? null : local,
            DecoderStride = local == 1 ? null : UNetConfig.DecoderStrideForGrid(local, Base.Widths.Length),
            SkipOperator = local == 1 ? null : TruncationOperator.AreaDownsample,
        };
    }

    /// <summary>The seed recorded in the manifest: the first arm seed.</summary>
    public int Seed => Seeds[0];

    private static TrainConfig AtQuarter(int epochs) =>
        TrainConfig.Quick.AtQuarterResolution() with { Epochs = epochs, EvalEvery = epochs };
}
