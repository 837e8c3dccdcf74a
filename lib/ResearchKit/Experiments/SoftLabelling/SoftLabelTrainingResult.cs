using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>Outputs of NB07: every run of every (factor, rule) arm and of the s = 1 reference, with the pixels of each
/// class in train (the order of the per-class figure) and val (the constant-prediction floor), void not counted.</summary>
public sealed record SoftLabelTrainingResult(
    SoftLabelTrainingConfig Config,
    RunManifest Manifest,
    string[] ClassNames,
    long[] TrainPixels,
    long[] ValPixels,
    SoftLabelRun[] Runs,
    SoftLabelRun[] ReferenceRuns) : IExperimentResult
{
    /// <summary>Each class's share of the labelled train pixels.</summary>
    public double[] ClassPixelShare => LabelRules.Shares(TrainPixels);

    /// <summary>The arm of factor <paramref name="s"/> and <paramref name="rule"/>.</summary>
    public SoftLabelArm Arm(int s, LabelDownsampling rule) =>
        SoftLabelArm.Of(Runs.Where(r => r.Factor == s && r.Rule == rule).ToArray());

    /// <summary>Val mIoU of each seed of factor <paramref name="s"/> and <paramref name="rule"/>: an arm as the verdict rule takes it.</summary>
    public IReadOnlyList<(int Seed, double Value)> MeanIoUBySeed(int s, LabelDownsampling rule) =>
        Runs.Where(r => r.Factor == s && r.Rule == rule).Select(r => (r.Seed, r.MeanIoU)).ToArray();

    /// <summary>The s = 1 reference over its seeds, or null when the config trains none.</summary>
    public SoftLabelArm? Reference => ReferenceRuns.Length > 0 ? SoftLabelArm.Of(ReferenceRuns) : null;

    /// <summary>Every arm, factor-major in config order.</summary>
    public SoftLabelArm[] Arms() => Config.Factors.SelectMany(s => Config.Rules.Select(rule => Arm(s, rule))).ToArray();

    /// <summary>Class ids present in train, from the smallest pixel share to the largest.</summary>
    public int[] ClassesByShare() => Enumerable.Range(0, ClassNames.Length).Where(c => ClassPixelShare[c] > 0)
        .OrderBy(c => ClassPixelShare[c]).ToArray();

    /// <summary>The spec's S3 group ("five rarest"), <see cref="CamVid.ThinClassIds"/>, that the train labels hold.</summary>
    public int[] RareClasses() => CamVid.ThinClassIds.Where(c => ClassPixelShare[c] > 0).ToArray();
}
