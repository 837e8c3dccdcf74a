using ResearchKit.Data;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>NB03: TinyUNet trained with its classifier on a coarser grid for each s (spectral spec 4/NB03), scored on val
/// at full resolution.</summary>
public static class PredictionGrid
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "PredictionGrid";

    /// <summary>Runs NB03 on CamVid at <see cref="DataPaths.CamVid"/> (arms trained or reused through
    /// <see cref="TrainingRuns"/>), or returns the cached result of the same config and commit.</summary>
    public static PredictionGridResult Run(PredictionGridConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, DataPaths.CamVid, TrainingRuns.Folder, Console.Out));

    /// <summary>Runs NB03 on <paramref name="dataRoot"/> with runs under <paramref name="runsFolder"/>; no result cache.</summary>
    public static PredictionGridResult Run(PredictionGridConfig cfg, string dataRoot, string runsFolder, TextWriter log)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var steps = new StepLog(Name);
        var runs = new List<GridRun>();
        foreach (var s in cfg.GridFactors)
            foreach (var seed in cfg.Seeds)
            {
                var arm = cfg.Arm(s, seed);
                var (result, folder, reused) = steps.Time($"s = {s}, seed {seed}", () => TrainingRuns.GetOrTrain(arm, dataRoot, runsFolder, log));
                var (_, model) = TrainedModel.Load(Path.Combine(folder, "final.ckpt"));
                var iou = result.Final.PerClassIoU;
                runs.Add(new GridRun(s, arm.DecoderStride ?? 1, seed, result.Manifest.ConfigHash, result.Manifest.Commit, reused,
                    result.Final.MeanIoU, SpectralMeasures.ThinMeanIoU(iou), iou,
                    result.Epochs.Sum(e => e.Seconds), result.Epochs.Max(e => e.PeakWorkingSetMiB), SpectralMeasures.DecoderMacs(SpectralMeasures.ValImageLayers(model, 360 / arm.Factor, 480 / arm.Factor))));
            }
        return new PredictionGridResult(cfg, manifest.Stop(), CamVid.ClassNames.ToArray(), runs.ToArray());
    }
}
