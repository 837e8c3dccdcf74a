using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Models;
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
        var thin = LabelSpectraFigures.ThinClasses.Select(n => CamVid.ClassNames.ToList().IndexOf(n)).ToArray();
        var runs = new List<GridRun>();
        foreach (var s in cfg.GridFactors)
            foreach (var seed in cfg.Seeds)
            {
                var arm = cfg.Arm(s, seed);
                var (result, folder, reused) = steps.Time($"s = {s}, seed {seed}", () => TrainingRuns.GetOrTrain(arm, dataRoot, runsFolder, log));
                var (_, model) = TrainedModel.Load(Path.Combine(folder, "final.ckpt"));
                var iou = result.Final.PerClassIoU;
                var present = thin.Where(c => !double.IsNaN(iou[c])).ToArray();
                runs.Add(new GridRun(s, arm.DecoderStride ?? 1, seed, result.Manifest.ConfigHash, result.Manifest.Commit, reused,
                    result.Final.MeanIoU, present.Length == 0 ? double.NaN : present.Average(c => iou[c]), iou,
                    result.Epochs.Sum(e => e.Seconds), result.Epochs.Max(e => e.PeakWorkingSetMiB), DecoderMacs(model, arm)));
            }
        return new PredictionGridResult(cfg, manifest.Stop(), CamVid.ClassNames.ToArray(), runs.ToArray());
    }

    /// <summary>MACs of the decoder blocks and the head for one val image at the training resolution (padded as in evaluation).</summary>
    private static long DecoderMacs(Nn.Module model, TrainConfig arm)
    {
        var m = ((ISegmentationModel)model).SizeMultiple;
        int h = (360 / arm.Factor + m - 1) / m * m, w = (480 / arm.Factor + m - 1) / m * m;
        return LayerCost.PerLayer(model, 1, h, w).Where(c => c.Layer.StartsWith("dec", StringComparison.Ordinal) || c.Layer == "head").Sum(c => c.Macs);
    }
}
