using ResearchKit.Labels;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>Inputs of NB07 (training at reduced resolution per label rule, soft-labelling spec 4/NB07).</summary>
/// <param name="Base">The TinyUNet config every arm shares (optimiser, schedule, epochs, batch); its factor, crop, label
/// rule and seed are set per arm by <see cref="Arm"/>.</param>
/// <param name="Factors">Factors s of 360×480 (each must divide 360 and 480).</param>
/// <param name="Rules">The label rules compared; hard rules train with CE and the ignore index, soft ones with the
/// mass-normalised soft CE (equal on one-hot targets, spec 2.4).</param>
/// <param name="Seeds">Seeds per arm (mean ± std over them).</param>
/// <param name="ReferenceSeeds">Seeds of the full-resolution reference (s = 1, hard labels); empty = no reference.</param>
/// <param name="MaxCropHeight">The most rows of a training sample; null = whole images at every s.</param>
/// <param name="MaxCropWidth">The most columns of a training sample; null = whole images at every s.</param>
/// <remarks>Every arm trains on whole images: the crop is the image padded to the next multiple of 16 (the U-Net's
/// stride) at the bottom and right with zero pixels and void targets, and the only random augmentation is the flip
/// (spec 4: flip only, no random scaling). So every arm sees the same images, the same number of times, and the
/// per-epoch wall time measures what the resolution costs. With a maximum crop, factors whose padded image is
/// larger train on random crops of that size instead (ResearchKit's budget choice, stated in the notebook).</remarks>
public sealed record SoftLabelTrainingConfig(TrainConfig Base, int[] Factors, LabelDownsampling[] Rules, int[] Seeds, int[] ReferenceSeeds,
    int? MaxCropHeight = null, int? MaxCropWidth = null)
{
    private static readonly LabelDownsampling[] SpecRules =
    [
        LabelDownsampling.NearestCentre, LabelDownsampling.Majority, LabelDownsampling.SoftBox,
        LabelDownsampling.SoftBilinear, LabelDownsampling.SoftBilinearAA,
    ];

    /// <summary>Seconds: the Smoke training config (16 train and 8 val images, 2-level U-Net, 3 epochs) at s = 8, three rules, one seed.</summary>
    public static SoftLabelTrainingConfig Smoke { get; } = new(TrainConfig.Smoke,
        [8], [LabelDownsampling.NearestCentre, LabelDownsampling.Majority, LabelDownsampling.SoftBox], [0], []);

    /// <summary>Minutes (about 6 measured on an idle 2-core machine at 4 epochs): TinyUNet, s = 4 and 8, the five rules of the spec, 3 epochs, one seed.</summary>
    public static SoftLabelTrainingConfig Quick { get; } = new(Schedule(3), [4, 8], SpecRules, [0], []);

    /// <summary>51 minutes on 2 cores (measured): s = 2, 4, 8, the five rules, 6 epochs, seeds 0, 1, 2; samples of at
    /// most 96×128, so s = 4 and 8 train on whole (padded) images and s = 2 on random quarter-image crops, with the same
    /// steps per epoch (so s = 2 sees a quarter of each image per epoch: compare its arms with each other).</summary>
    public static SoftLabelTrainingConfig Paper { get; } = new(Schedule(6), [2, 4, 8], SpecRules, [0, 1, 2], [], 96, 128);

    /// <summary>The spec's whole protocol: whole images at every s, 8 epochs, plus the s = 1 reference (about 7 minutes
    /// per epoch at 360×480), 3 seeds.</summary>
    public static SoftLabelTrainingConfig Full { get; } = Paper with { Base = Schedule(8), ReferenceSeeds = [0, 1, 2], MaxCropHeight = null, MaxCropWidth = null };

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static SoftLabelTrainingConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);

    /// <summary>The seed recorded in the manifest: the first arm seed.</summary>
    public int Seed => Seeds[0];

    /// <summary>The training config of factor <paramref name="s"/>, rule <paramref name="rule"/> and <paramref name="seed"/>:
    /// whole 360/s × 480/s images padded to a multiple of 16 (or random crops of the maximum crop where smaller).</summary>
    public TrainConfig Arm(int s, LabelDownsampling rule, int seed)
    {
        if (360 % s != 0 || 480 % s != 0)
            throw new ArgumentException($"factor {s} does not divide the 360x480 CamVid labels");
        return Base with
        {
            Factor = s, CropHeight = Math.Min(PadTo16(360 / s), MaxCropHeight ?? int.MaxValue),
            CropWidth = Math.Min(PadTo16(480 / s), MaxCropWidth ?? int.MaxValue), LabelRule = rule, Seed = seed,
            EvalEvery = Base.Epochs,
        };
    }

    /// <summary>The full-resolution reference of <paramref name="seed"/>: s = 1 with hard labels.</summary>
    public TrainConfig Reference(int seed) => Arm(1, LabelDownsampling.NearestCentre, seed);

    private static int PadTo16(int n) => (n + 15) / 16 * 16;

    private static TrainConfig Schedule(int epochs) => TrainConfig.Quick with { Epochs = epochs, EvalEvery = epochs };
}
