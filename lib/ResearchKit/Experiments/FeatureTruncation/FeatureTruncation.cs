using System.Diagnostics;
using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Models;
using static TorchSharp.torch;
using ResearchKit.Repro;
using ResearchKit.Spectral;
using ResearchKit.Training;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>NB04: TinyUNet with its decoder truncated at stride t by AreaDownsample or SpectralCrop, trained per arm (the
/// area arms shared with NB03), plus the t = 1 model truncated at evaluation only; mIoU against decoder MACs and time.</summary>
public static class FeatureTruncation
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "FeatureTruncation";

    /// <summary>Runs NB04 on CamVid at <see cref="DataPaths.CamVid"/>, or returns the cached result of the same config and commit.</summary>
    public static FeatureTruncationResult Run(FeatureTruncationConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, DataPaths.CamVid, TrainingRuns.Folder, Console.Out));

    /// <summary>Runs NB04 on <paramref name="dataRoot"/> with runs under <paramref name="runsFolder"/>; no result cache.</summary>
    public static FeatureTruncationResult Run(FeatureTruncationConfig cfg, string dataRoot, string runsFolder, TextWriter log)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var steps = new StepLog(Name);
        var valSplit = CamVid.Open(dataRoot).Split("val");
        var b = cfg.Base;
        var val = SegmentationSet.Load(valSplit, b.Factor, b.ImageResize, b.LabelRule, b.ValLimit);
        var truth = ParallelLoad.All(val.Count, valSplit.LoadLabel);
        var runs = new List<TruncationRun>();
        foreach (var seed in cfg.Seeds)
        {
            string? plainFolder = null;
            foreach (var t in cfg.Strides)
                foreach (var op in t == 1 ? cfg.Operators.Take(1) : cfg.Operators)
                {
                    var arm = cfg.Arm(t, op, seed);
                    var (result, folder, _) = steps.Time($"t = {t}, {op}, seed {seed}", () => TrainingRuns.GetOrTrain(arm, dataRoot, runsFolder, log));
                    if (t == 1) plainFolder = folder;
                    var (_, model) = TrainedModel.Load(Path.Combine(folder, "final.ckpt"));
                    var row = Score(model, t, op, false, seed, result.Manifest.ConfigHash, result.Manifest.Commit, val, truth, result.Epochs.Sum(e => e.Seconds));
                    runs.Add(row);
                    if (t == 1 && cfg.Operators.Length > 1) runs.Add(row with { Operator = cfg.Operators[1] }); // t = 1 is both curves' start
                }
            if (!cfg.TestOnly || plainFolder is null) continue;
            foreach (var t in cfg.Strides.Where(t => t > 1))
                foreach (var op in cfg.Operators)
                {
                    // The t = 1 weights in a truncated network: the layers are the same, only the strides differ.
                    var truncated = Trainer.Build(cfg.Arm(t, op, seed));
                    Checkpoint.Load(Path.Combine(plainFolder, "final.ckpt")).Restore(truncated);
                    runs.Add(steps.Time($"test-only t = {t}, {op}, seed {seed}", () =>
                        Score(truncated, t, op, true, seed, ConfigHash.Of(cfg.Arm(1, op, seed)), "", val, truth, 0)));
                }
        }
        return new FeatureTruncationResult(cfg, manifest.Stop(), runs.ToArray());
    }

    private static TruncationRun Score(nn.Module<Tensor, Tensor> model, int t, TruncationOperator op, bool testOnly, int seed, string hash, string commit,
        SegmentationSet val, IReadOnlyList<LabelMap> truth, double trainSeconds)
    {
        var seg = (ISegmentationModel)model;
        Evaluation.Confusion(seg, val, truth); // untimed: the first pass of a new shape JIT-compiles and plans FFTs
        var clock = Stopwatch.StartNew();
        var (cm, _) = Evaluation.Confusion(seg, val, truth);
        var ms = 1000 * clock.Elapsed.TotalSeconds / val.Count;
        var layers = SpectralMeasures.ValImageLayers(model, val.Height, val.Width);
        return new TruncationRun(t, op, testOnly, seed, hash, commit, cm.MeanIoU(), SpectralMeasures.ThinMeanIoU(cm.ClassIoU()),
            SpectralMeasures.DecoderMacs(layers), layers.Sum(c => c.Macs), ms, trainSeconds);
    }
}
