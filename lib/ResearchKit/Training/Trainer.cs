using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Engine;
using ResearchKit.Labels;
using ResearchKit.Models;
using ResearchKit.Repro;
using TorchSharp;
using static TorchSharp.torch;
using ResearchKit.IO;

namespace ResearchKit.Training;

/// <summary>Trains a model on a SegNet-layout data set by a <see cref="TrainConfig"/>, checkpointing each epoch into an
/// output folder and resuming from the last checkpoint found there; writes <c>final.ckpt</c> and <c>result.json</c> at the end.</summary>
/// <remarks>Each epoch's batches depend only on (seed, epoch), the weights only on the seed, and libtorch's CPU kernels
/// are deterministic for a thread count, so a run resumed from epoch e's checkpoint ends with the same numbers as an
/// uninterrupted one.</remarks>
public static partial class Trainer
{
    /// <summary>The checkpoint written after every epoch (and read to resume).</summary>
    public const string LastCheckpoint = "last.ckpt";

    /// <summary>Trains by <paramref name="cfg"/> on the CamVid folder <paramref name="dataRoot"/> (see the overload).</summary>
    public static TrainResult Run(TrainConfig cfg, string dataRoot, string outDir, TextWriter log, ITrainProgress? progress = null) =>
        Run(cfg, SegmentationDataset.CamVid(dataRoot), outDir, log, progress);

    /// <summary>Trains by <paramref name="cfg"/> on <paramref name="data"/>, with checkpoints and the result in
    /// <paramref name="outDir"/>; messages go to <paramref name="log"/>, progress to <paramref name="progress"/>
    /// (default: a <see cref="TrainProgress"/> writing to <paramref name="log"/>).</summary>
    public static TrainResult Run(TrainConfig cfg, SegmentationDataset data, string outDir, TextWriter log, ITrainProgress? progress = null)
    {
        TorchRuntime.SetThreads(cfg.Threads);
        var device = TorchRuntime.Device(cfg.Device);
        Directory.CreateDirectory(outDir);
        var manifest = RunManifest.Start("train", cfg, cfg.Seed);
        var train = SegmentationSet.Load(data.Split(data.TrainSplit), cfg.Factor, cfg.ImageResize, cfg.LabelRule, cfg.TrainLimit, cfg.BlockSize);
        var valSplit = data.Split(data.ValSplit);
        // Val is scored against the full-resolution labels, so its down-sampled labels are never used as targets.
        var val = SegmentationSet.Load(valSplit, cfg.Factor, cfg.ImageResize, cfg.LabelRule.IsSoft() ? LabelDownsampling.NearestCentre : cfg.LabelRule, cfg.ValLimit);
        var valTruth = ParallelLoad.All(val.Count, valSplit.LoadLabel);
        var loader = new SegmentationLoader(train, cfg.BatchSize, cfg.CropHeight, cfg.CropWidth, (ulong)cfg.Seed,
            scale: cfg.MinScale is { } low ? (low, cfg.MaxScale ?? low) : cfg.MaxScale is { } high ? (1.0, high) : null);
        var model = Build(cfg, data.NumClasses).to(device);
        using var sgd = Optimizer(cfg, model);
        var totalSteps = cfg.Epochs * loader.BatchesPerEpoch;
        var history = Resume(cfg, outDir, model, sgd, log);
        log.WriteLine($"train: {cfg.Model} ({ParameterCount(model):N0} parameters) on {device.type}, {train.Count} train images at {train.Height}x{train.Width}, " +
            $"crops {cfg.CropHeight}x{cfg.CropWidth}{ScaleText(cfg)}, batch {cfg.BatchSize}, {cfg.Epochs} epochs, seed {cfg.Seed}, config {manifest.ConfigHash}, {EngineFingerprint.Current}");
        progress ??= new TrainProgress(log);
        progress.Begin(cfg.Epochs, loader.BatchesPerEpoch, history.Count);
        for (var epoch = history.Count; epoch < cfg.Epochs; epoch++)
        {
            model.train();
            var sw = Stopwatch.StartNew();
            double lossSum = 0;
            long peak = 0;
            var b = 0;
            foreach (var host in loader.Epoch(epoch))
            {
                NotebookHost.ThrowIfInterrupted();
                var iteration = (long)epoch * loader.BatchesPerEpoch + b;
                var lr = PolyRate(cfg, iteration, totalSteps);
                foreach (var group in sgd.ParamGroups) group.LearningRate = lr;
                // Self-regulation's g: 0 for the first WarmupFraction of the iterations, then 1.
                var selfRegulate = cfg.SelfRegulation is not { } sr || iteration >= sr.WarmupFraction * totalSteps;
                float loss;
                using (host)
                {
                    var batch = host.To(device);
                    try
                    {
                        loss = Step(model, sgd, batch, data.IgnoreIndex, cfg.SelfRegulation, selfRegulate, cfg.GradClipNorm);
                    }
                    catch (TrainingDivergedException e)
                    {
                        throw new TrainingDivergedException($"training diverged at epoch {epoch + 1}, batch {b + 1} (lr {lr:G3}): " +
                            $"{e.Message}; {outDir} keeps the checkpoint of epoch {history.Count} and no result");
                    }
                    finally
                    {
                        if (!ReferenceEquals(batch, host)) batch.Dispose();
                    }
                }
                lossSum += loss;
                peak = Math.Max(peak, Environment.WorkingSet);
                progress.Batch(epoch, ++b, loss, lr);
            }
            var evaluate = (epoch + 1) % cfg.EvalEvery == 0 || epoch + 1 == cfg.Epochs;
            var miou = evaluate ? Evaluation.Run((ISegmentationModel)model, val, valTruth).MeanIoU : double.NaN;
            history.Add(new EpochRecord(epoch + 1, lossSum / b, sw.Elapsed.TotalSeconds, miou, peak / (1024.0 * 1024.0)));
            progress.Epoch(history[^1]);
            Save(cfg, outDir, model, sgd, epoch + 1, (epoch + 1L) * loader.BatchesPerEpoch, history);
        }
        var final = Evaluation.Run((ISegmentationModel)model, val, valTruth);
        var finalPath = Path.Combine(outDir, "final.ckpt");
        Checkpoint.Capture(model, sgd, rng: true, totalSteps, cfg.Epochs, Metadata(cfg, history)).Save(finalPath);
        var result = new TrainResult(cfg, manifest.Stop(), history.ToArray(), final, data.ClassNames.ToArray(), ParameterCount(model), finalPath)
            { Engine = EngineFingerprint.Current };
        AtomicFile.WriteAllText(Path.Combine(outDir, "result.json"), JsonSerializer.Serialize(result, ConfigHash.Json));
        log.WriteLine($"train: val mIoU {final.MeanIoU:F2}, pixel accuracy {final.PixelAccuracy:F2}; {result.Manifest}");
        return result;
    }

    /// <summary>base·(1 − it/total)^power: mmsegmentation's per-iteration poly schedule (PyTorch's PolynomialLR in closed
    /// form, so a resumed run needs no scheduler state).</summary>
    public static double PolyRate(TrainConfig cfg, long iteration, long totalSteps) =>
        cfg.LearningRate * Math.Pow(1.0 - (double)Math.Min(iteration, totalSteps) / totalSteps, cfg.PolyPower);

    /// <summary>torch.optim.SGD over the model's parameters with the config's momentum, Nesterov and weight decay.</summary>
    public static optim.Optimizer Optimizer(TrainConfig cfg, nn.Module<Tensor, Tensor> model) =>
        optim.SGD(model.parameters(), cfg.LearningRate, momentum: cfg.Momentum, weight_decay: cfg.WeightDecay,
            nesterov: cfg.Nesterov ?? false);

    /// <summary>Trainable values of <paramref name="model"/>.</summary>
    public static long ParameterCount(nn.Module model) => model.parameters().Sum(p => p.numel());

    private static string ScaleText(TrainConfig cfg) =>
        cfg.MinScale is null && cfg.MaxScale is null ? "" : $" after a random rescale {cfg.MinScale ?? 1:0.##}-{cfg.MaxScale ?? cfg.MinScale:0.##}";
}
