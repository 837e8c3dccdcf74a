using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>Outputs of NB06: D(s), retention and coverage of every rule at every factor over the train labels.</summary>
/// <param name="ClassPixelShare">Each class's share of the labelled train pixels (the sort order of the per-class figures).</param>
public sealed record LabelRulesResult(
    LabelRulesConfig Config,
    RunManifest Manifest,
    int NumClasses,
    string[] ClassNames,
    int TrainImages,
    double[] ClassPixelShare,
    RuleFidelityRow[] Rows) : IExperimentResult
{
    /// <summary>The row of <paramref name="rule"/> at factor <paramref name="s"/>.</summary>
    public RuleFidelityRow Row(LabelDownsampling rule, int s) => Rows.Single(r => r.Rule == rule && r.Factor == s);

    /// <summary>Class ids from the smallest train pixel share to the largest.</summary>
    public int[] ClassesByShare() => Enumerable.Range(0, NumClasses).OrderBy(c => ClassPixelShare[c]).ToArray();

    /// <summary>The spec's "five rarest" classes, <see cref="CamVid.ThinClassIds"/>, that these labels hold.</summary>
    public int[] RareClasses() => CamVid.ThinClassIds.Where(c => ClassPixelShare[c] > 0).ToArray();
}
