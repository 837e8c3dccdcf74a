using ResearchKit.Data;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>NB08/NB09: SrNet trained per self-regulation arm and seed (runs shared by config hash through
/// <see cref="TrainingRuns"/>), each final checkpoint scored on val at 360×480 exit by exit.</summary>
public static class SelfRegulation
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "SelfRegulation";

    /// <summary>Runs NB08/NB09 on CamVid at <see cref="DataPaths.CamVid"/>, or returns the cached result of the same config and commit.</summary>
    public static SelfRegulationResult Run(SelfRegulationConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, DataPaths.CamVid, TrainingRuns.Folder, Console.Out));

    /// <summary>Runs NB08/NB09 on <paramref name="dataRoot"/> with runs under <paramref name="runsFolder"/>; no result cache.</summary>
    public static SelfRegulationResult Run(SelfRegulationConfig cfg, string dataRoot, string runsFolder, TextWriter log)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var steps = new StepLog(Name, log);
        var valSplit = CamVid.Open(dataRoot).Split("val");
        var val = SegmentationSet.Load(valSplit, cfg.Base.Factor, cfg.Base.ImageResize, cfg.Base.LabelRule, cfg.Base.ValLimit);
        var truth = ParallelLoad.All(val.Count, valSplit.LoadLabel);
        var runs = new List<SrRun>();
        foreach (var arm in cfg.Arms)
            foreach (var seed in cfg.Seeds)
                runs.Add(steps.Time($"{arm.Name}, seed {seed}", () => TrainAndScore(cfg.Run(arm, seed), arm, dataRoot, runsFolder, log, val, truth)));
        var trainSplit = CamVid.Open(dataRoot).Split("train");
        var trainPixels = SoftLabelling.LabelRules.PixelCounts(ParallelLoad.All(Math.Min(cfg.Base.TrainLimit ?? trainSplit.Count, trainSplit.Count), trainSplit.LoadLabel));
        return new SelfRegulationResult(cfg, manifest.Stop(), CamVid.ClassNames.ToArray(), valSplit.Names.Take(val.Count).ToArray(), trainPixels, runs.ToArray());
    }

    private static SrRun TrainAndScore(TrainConfig run, SrArm arm, string dataRoot, string runsFolder, TextWriter log,
        SegmentationSet val, IReadOnlyList<LabelMap> truth)
    {
        var (result, folder, reused) = TrainingRuns.GetOrTrain(run, dataRoot, runsFolder, log);
        var checkpoint = Path.Combine(folder, "final.ckpt");
        var (_, model) = TrainedModel.Load(checkpoint);
        var (exits, interior, thinMiss, imageInterior) = SrDiagnostics.Score(model, val, truth);
        var (train, test, parameters) = SrDiagnostics.Cost(model, run.CropHeight, run.CropWidth);
        var iou = result.Final.PerClassIoU;
        return new SrRun(arm.Name, run.Seed, result.Manifest.ConfigHash, result.Manifest.Commit, reused, checkpoint,
            result.Final.MeanIoU, iou, SpectralMeasures.ThinMeanIoU(iou), interior, exits, thinMiss, imageInterior,
            result.Epochs.Average(e => e.Seconds), result.Epochs.Max(e => e.PeakWorkingSetMiB), train, test, parameters);
    }
}
