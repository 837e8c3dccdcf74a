using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>NB06: every label down-sampling rule at every factor on CamVid train, measured against the box histogram
/// (soft-labelling spec 3.3 and 4/NB06). No training.</summary>
public static class LabelRules
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "LabelRules";

    /// <summary>Runs NB06 on CamVid at <see cref="DataPaths.CamVid"/>, or returns the cached result of the same config and commit.</summary>
    public static LabelRulesResult Run(LabelRulesConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, CamVid.Open(DataPaths.CamVid)));

    /// <summary>Runs NB06 on <paramref name="data"/> without the cache.</summary>
    public static LabelRulesResult Run(LabelRulesConfig cfg, CamVid data)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var log = new StepLog(Name);
        var split = data.Split("train");
        var n = Math.Min(cfg.TrainImageLimit ?? split.Count, split.Count);
        var labels = log.Time($"load {n} train labels", () => ParallelLoad.All(n, split.LoadLabel));
        var measures = log.Time($"{cfg.Rules.Length} rules × {cfg.Factors.Length} factors",
            () => DownsamplingFidelity.Measure(labels, cfg.Rules, cfg.Factors, CamVid.NumClasses, CamVid.IgnoreIndex));
        return new LabelRulesResult(cfg, manifest.Stop(), CamVid.NumClasses, CamVid.ClassNames.ToArray(), labels.Length,
            Shares(PixelCounts(labels)), measures.Select(RuleFidelityRow.Of).ToArray());
    }

    /// <summary>Pixels of each class in <paramref name="labels"/> (void not counted).</summary>
    internal static long[] PixelCounts(IReadOnlyList<LabelMap> labels)
    {
        var counts = new long[CamVid.NumClasses];
        foreach (var label in labels)
            foreach (var id in label.Data)
                if (id < CamVid.NumClasses) counts[id]++;
        return counts;
    }

    /// <summary>Each class's share of <paramref name="counts"/>.</summary>
    internal static double[] Shares(long[] counts)
    {
        var total = (double)counts.Sum();
        return counts.Select(c => c / total).ToArray();
    }
}
