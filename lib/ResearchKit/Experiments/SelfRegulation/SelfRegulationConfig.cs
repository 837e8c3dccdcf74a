using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>Inputs of NB08/NB09 (self-regulation spec §5): the SrNet training config every arm shares, the arms and the seeds.</summary>
/// <param name="Base">Model, resolution, crops, optimiser, schedule and epochs of every arm (seed and options set per run).</param>
/// <param name="Arms">The arms (<see cref="SrArm.All"/>).</param>
/// <param name="Seeds">Seeds per arm (mean ± std over them).</param>
/// <param name="TimingRounds">Timed rounds of NB09's side-by-side cost measurement (<see cref="SrTiming.Measure"/>; medians
/// over them): 20, except 3 on Smoke, whose networks and images are too small for the times to mean anything.</param>
/// <remarks>The spec trains at full 360×480; on 2 cores <see cref="Quick"/> trains at 1/4 and <see cref="Paper"/> at 1/2
/// of it (every arm alike, scored at 360×480), and <see cref="Full"/> is the spec's resolution. Augmentation is the
/// random crop and flip of every ResearchKit run, the same for all arms.</remarks>
public sealed record SelfRegulationConfig(TrainConfig Base, SrArm[] Arms, int[] Seeds, int TimingRounds = 20)
{
    /// <summary>Seconds: the Smoke SrNet (16 train, 8 val images at 45×60, 3 epochs), the six arms, one seed, 3 timing rounds.</summary>
    public static SelfRegulationConfig Smoke { get; } = new(TrainConfig.For(Preset.Smoke, ModelKind.SrNet), SrArm.All, [0], TimingRounds: 3);

    /// <summary>Minutes (under 4 measured on an idle 2-core machine at 6 epochs): SrNet at 90×120 (crops 88×120), 4 epochs, the six arms, one seed.</summary>
    public static SelfRegulationConfig Quick { get; } = new(At(4, 88, 120, 4), SrArm.All, [0]);

    /// <summary>19 minutes of training on an idle 2-core machine (measured): SrNet at 90×120 (crops 88×120), 12 epochs,
    /// the six arms, seeds 0, 1, 2. The claims are about differences between arms, which need a noise band, so the
    /// budget went to seeds rather than pixels.</summary>
    public static SelfRegulationConfig Paper { get; } = new(At(4, 88, 120, 12), SrArm.All, [0, 1, 2]);

    /// <summary>The spec's protocol: 360×480 (crops 352×480), 40 epochs, seeds 0, 1, 2.</summary>
    public static SelfRegulationConfig Full { get; } = new(At(1, 352, 480, 40) with { EvalEvery = 10 }, SrArm.All, [0, 1, 2]);

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static SelfRegulationConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);

    /// <summary>The seed recorded in the manifest: the first arm seed.</summary>
    public int Seed => Seeds[0];

    /// <summary>The training config of <paramref name="arm"/> and <paramref name="seed"/>: the Baseline trains the plain
    /// network (no options), every other arm the multi-exit one.</summary>
    public TrainConfig Run(SrArm arm, int seed) =>
        Base with { Seed = seed, SelfRegulation = arm.Options.MultiExit ? arm.Options : null };

    private static TrainConfig At(int factor, int cropHeight, int cropWidth, int epochs) =>
        TrainConfig.For(Preset.Quick, ModelKind.SrNet) with
        {
            Factor = factor, CropHeight = cropHeight, CropWidth = cropWidth, Epochs = epochs, EvalEvery = epochs,
        };
}
