using ResearchKit.Repro;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>Outputs of NB08/NB09: every run of every arm, with the val image names (for the qualitative figure).</summary>
/// <param name="TrainPixels">Train pixels per class (void not counted): the order of the per-class figure.</param>
public sealed record SelfRegulationResult(SelfRegulationConfig Config, RunManifest Manifest, string[] ClassNames, string[] ValNames,
    long[] TrainPixels, SrRun[] Runs) : IExperimentResult
{
    /// <summary>Class ids from the smallest train pixel share to the largest (classes absent from train left out).</summary>
    public int[] ClassesByShare() => Enumerable.Range(0, ClassNames.Length).Where(c => TrainPixels[c] > 0).OrderBy(c => TrainPixels[c]).ToArray();

    /// <summary>The runs of arm <paramref name="name"/>, in seed order.</summary>
    public SrRun[] Of(string name) => Runs.Where(r => r.Arm == name).ToArray();

    /// <summary>The arm summaries, in config order.</summary>
    public SrArmSummary[] Summaries() => Config.Arms.Select(a => SrArmSummary.Of(Of(a.Name))).ToArray();

    /// <summary>The summary of arm <paramref name="name"/>.</summary>
    public SrArmSummary Summary(string name) => SrArmSummary.Of(Of(name));
}
