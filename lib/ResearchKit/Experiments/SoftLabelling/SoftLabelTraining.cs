using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>NB07: TinyUNet trained at 1/s of CamVid's resolution on the targets of each label rule (soft-labelling spec
/// 4/NB07), scored on val at 360×480; runs are shared by config hash through <see cref="TrainingRuns"/>.</summary>
public static class SoftLabelTraining
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "SoftLabelTraining";

    /// <summary>Runs NB07 on CamVid at <see cref="DataPaths.CamVid"/>, or returns the cached result of the same config and commit.</summary>
    public static SoftLabelTrainingResult Run(SoftLabelTrainingConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, DataPaths.CamVid, TrainingRuns.Folder, Console.Out));

    /// <summary>Runs NB07 on <paramref name="dataRoot"/> with runs under <paramref name="runsFolder"/>; no result cache.</summary>
    public static SoftLabelTrainingResult Run(SoftLabelTrainingConfig cfg, string dataRoot, string runsFolder, TextWriter log)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var steps = new StepLog(Name, log);
        var runs = new List<SoftLabelRun>();
        foreach (var s in cfg.Factors)
            foreach (var rule in cfg.Rules)
                foreach (var seed in cfg.Seeds)
                    runs.Add(steps.Time($"s = {s}, {rule.Name()}, seed {seed}", () => Train(cfg.Arm(s, rule, seed), dataRoot, runsFolder, log)));
        var reference = cfg.ReferenceSeeds.Select(seed =>
            steps.Time($"s = 1 reference, seed {seed}", () => Train(cfg.Reference(seed), dataRoot, runsFolder, log))).ToArray();
        var camvid = CamVid.Open(dataRoot);
        var (train, val) = steps.Time("pixels per class", () =>
            (PixelCounts(camvid.Split("train"), cfg.Base.TrainLimit), PixelCounts(camvid.Split("val"), cfg.Base.ValLimit)));
        return new SoftLabelTrainingResult(cfg, manifest.Stop(), CamVid.ClassNames.ToArray(), train, val, runs.ToArray(), reference);
    }

    private static SoftLabelRun Train(TrainConfig arm, string dataRoot, string runsFolder, TextWriter log)
    {
        var (result, _, reused) = TrainingRuns.GetOrTrain(arm, dataRoot, runsFolder, log);
        return new SoftLabelRun(arm.Factor, arm.LabelRule, arm.Seed, result.Manifest.ConfigHash, result.Manifest.Commit, reused,
            result.Final.MeanIoU, result.Final.PerClassIoU, result.Epochs.Average(e => e.Seconds), result.Epochs.Max(e => e.PeakWorkingSetMiB));
    }

    private static long[] PixelCounts(CamVidSplit split, int? limit) =>
        LabelRules.PixelCounts(ParallelLoad.All(Math.Min(limit ?? split.Count, split.Count), split.LoadLabel));
}
