using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Autograd;
using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Losses;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Optim;
using ResearchKit.Repro;
using ResearchKit.Spectral;
using ResearchKit.Tensors;

namespace ResearchKit.Training;

/// <summary>Trains a model on CamVid by a <see cref="TrainConfig"/>, checkpointing each epoch into an output folder
/// and resuming from the last checkpoint found there; writes <c>final.ckpt</c> and <c>result.json</c> at the end.</summary>
/// <remarks>Each epoch's batches depend only on (seed, epoch) and every kernel is deterministic for a thread count, so a
/// run resumed from epoch e's checkpoint ends with the same numbers as an uninterrupted one.</remarks>
public static partial class Trainer
{
    /// <summary>The checkpoint written after every epoch (and read to resume).</summary>
    public const string LastCheckpoint = "last.ckpt";

    /// <summary>The network of <paramref name="cfg"/>, initialised from its seed; inside a <see cref="MultiExit"/> wrapper
    /// (built from the same random stream after the network) when the config trains with self-regulation.</summary>
    public static Module Build(TrainConfig cfg)
    {
        var rng = new Rng((ulong)cfg.Seed);
        var network = Network(cfg, rng);
        return cfg.SelfRegulation is { MultiExit: true } ? new MultiExit(network, ExitBlocks(cfg.Model), HeadWidth(cfg), rng) : network;
    }

    /// <summary>The blocks F_1..F_N whose outputs get exits (self-regulation spec §2): SrNet's four blocks; TinyUNet's
    /// enc1, enc2, bottleneck and dec1; DeepLabV3+'s stage1, stage2, stage4 and decoder. F_N feeds the network's own head.</summary>
    public static string[] ExitBlocks(ModelKind model) => model switch
    {
        ModelKind.SrNet => ["block1", "block2", "block3", "block4"],
        ModelKind.UNet => ["enc1", "enc2", "bottleneck", "dec1"],
        ModelKind.DeepLabV3Plus => ["stage1", "stage2", "stage4", "decoder"],
        _ => throw new ArgumentException($"self-regulation: no exits are defined for {model}"),
    };

    private static int HeadWidth(TrainConfig cfg) => cfg.Model == ModelKind.SrNet ? cfg.Bottleneck : 32;

    private static Module Network(TrainConfig cfg, Rng rng) => cfg.Model switch
    {
        ModelKind.UNet => new UNet(new UNetConfig(3, CamVid.NumClasses, cfg.Widths, cfg.Bottleneck, cfg.DecoderStride ?? 1,
            cfg.SkipOperator ?? TruncationOperator.AreaDownsample, cfg.GridFactor ?? 1), rng),
        ModelKind.DeepLabV3Plus => new DeepLabV3Plus(new DeepLabV3PlusConfig(3, CamVid.NumClasses, cfg.Widths, cfg.OutputStride,
            cfg.OutputStride == 16 ? [6, 12, 18] : [12, 24, 36], cfg.Bottleneck, 48, 128, 4, cfg.DecoderStride ?? 1,
            cfg.SkipOperator ?? TruncationOperator.AreaDownsample), rng),
        ModelKind.Dan => new Dan(new DanConfig(3, CamVid.NumClasses, cfg.Widths, 32, cfg.Bottleneck), rng),
        ModelKind.SrNet => new SrNet(new SrNetConfig(3, CamVid.NumClasses, cfg.Widths, cfg.Bottleneck), rng),
        _ => throw new ArgumentOutOfRangeException(nameof(cfg), cfg.Model, "unknown model"),
    };

    /// <summary>Trains by <paramref name="cfg"/> on the CamVid folder <paramref name="dataRoot"/>, with checkpoints and
    /// the result in <paramref name="outDir"/>; messages go to <paramref name="log"/>, progress to <paramref name="progress"/>
    /// (default: a <see cref="TrainProgress"/> writing to <paramref name="log"/>).</summary>
    public static TrainResult Run(TrainConfig cfg, string dataRoot, string outDir, TextWriter log, ITrainProgress? progress = null)
    {
        Threading.Threads = cfg.Threads;
        Directory.CreateDirectory(outDir);
        var manifest = RunManifest.Start("train", cfg, cfg.Seed);
        var camvid = CamVid.Open(dataRoot);
        var train = SegmentationSet.Load(camvid.Split("train"), cfg.Factor, cfg.ImageResize, cfg.LabelRule, cfg.TrainLimit, cfg.BlockSize);
        var valSplit = camvid.Split("val");
        // Val is scored against the full-resolution labels, so its down-sampled labels are never used as targets.
        var val = SegmentationSet.Load(valSplit, cfg.Factor, cfg.ImageResize, cfg.LabelRule.IsSoft() ? LabelDownsampling.NearestCentre : cfg.LabelRule, cfg.ValLimit);
        var valTruth = ParallelLoad.All(val.Count, valSplit.LoadLabel);
        var loader = new SegmentationLoader(train, cfg.BatchSize, cfg.CropHeight, cfg.CropWidth, (ulong)cfg.Seed,
            scale: cfg.MinScale is { } low ? (low, cfg.MaxScale ?? low) : cfg.MaxScale is { } high ? (1.0, high) : null);
        var model = Build(cfg);
        var sgd = new Sgd(model.Parameters(), cfg.LearningRate, cfg.Momentum, weightDecay: cfg.WeightDecay);
        var schedule = new PolyLr(sgd, cfg.Epochs * loader.BatchesPerEpoch, cfg.PolyPower);
        var history = Resume(cfg, outDir, model, sgd, schedule, log);
        log.WriteLine($"train: {cfg.Model} ({model.ParameterCount():N0} parameters), {train.Count} train images at {train.Height}x{train.Width}, " +
            $"crops {cfg.CropHeight}x{cfg.CropWidth}, batch {cfg.BatchSize}, {cfg.Epochs} epochs, seed {cfg.Seed}, config {manifest.ConfigHash}");
        progress ??= new TrainProgress(log);
        progress.Begin(cfg.Epochs, loader.BatchesPerEpoch, history.Count);
        for (var epoch = history.Count; epoch < cfg.Epochs; epoch++)
        {
            var sw = Stopwatch.StartNew();
            double lossSum = 0;
            long peak = 0;
            var b = 0;
            foreach (var batch in loader.Epoch(epoch))
            {
                NotebookHost.ThrowIfInterrupted();
                float loss;
                try
                {
                    // Self-regulation's g: 0 for the first WarmupFraction of the iterations, then 1.
                    var iteration = (long)epoch * loader.BatchesPerEpoch + b;
                    var selfRegulate = cfg.SelfRegulation is not { } sr || iteration >= sr.WarmupFraction * cfg.Epochs * loader.BatchesPerEpoch;
                    loss = Step(model, sgd, batch, cfg.SelfRegulation, selfRegulate);
                }
                catch (TrainingDivergedException e)
                {
                    throw new TrainingDivergedException($"training diverged at epoch {epoch + 1}, batch {b + 1} (lr {sgd.LearningRate:G3}): " +
                        $"{e.Message}; {outDir} keeps the checkpoint of epoch {history.Count} and no result");
                }
                schedule.Step();
                lossSum += loss;
                peak = Math.Max(peak, Environment.WorkingSet);
                progress.Batch(epoch, ++b, loss, sgd.LearningRate);
            }
            var evaluate = (epoch + 1) % cfg.EvalEvery == 0 || epoch + 1 == cfg.Epochs;
            var miou = evaluate ? Evaluation.Run((ISegmentationModel)model, val, valTruth).MeanIoU : double.NaN;
            history.Add(new EpochRecord(epoch + 1, lossSum / b, sw.Elapsed.TotalSeconds, miou, peak / (1024.0 * 1024.0)));
            progress.Epoch(history[^1]);
            Save(cfg, outDir, model, sgd, epoch + 1, schedule.Epoch, history);
        }
        var final = Evaluation.Run((ISegmentationModel)model, val, valTruth);
        var finalPath = Path.Combine(outDir, "final.ckpt");
        Checkpoint.Capture(model, sgd, null, schedule.Epoch, cfg.Epochs, Metadata(cfg, history)).Save(finalPath);
        var result = new TrainResult(cfg, manifest.Stop(), history.ToArray(), final, CamVid.ClassNames.ToArray(), model.ParameterCount(), finalPath);
        AtomicFile.WriteAllText(Path.Combine(outDir, "result.json"), JsonSerializer.Serialize(result, ConfigHash.Json));
        log.WriteLine($"train: val mIoU {final.MeanIoU:F2}, pixel accuracy {final.PixelAccuracy:F2}; {result.Manifest}");
        return result;
    }

    /// <summary>One training step (zero grads, forward, loss, backward, SGD); returns the loss: mean CE over non-void pixels,
    /// or with soft targets the soft CE normalised by target mass (soft-labelling spec 2.4; equal to it on one-hot targets).</summary>
    /// <exception cref="TrainingDivergedException">The loss or a gradient is NaN or Inf; the weights are left as they
    /// were before the step, and the message names the parameter or the first op that produced the value.</exception>
    /// <remarks>A <see cref="MultiExit"/> model trains on the self-regulation loss of <paramref name="selfRegulation"/>,
    /// its SR terms only when <paramref name="selfRegulate"/> (after the warm-up).</remarks>
    public static float Step(Module model, Optimizer optimizer, SegmentationBatch batch, SelfRegulationOptions? selfRegulation = null,
        bool selfRegulate = true)
    {
        optimizer.ZeroGrad();
        var loss = Loss(model, batch, selfRegulation, selfRegulate); // [N,C,h,w] -> []
        loss.Backward();
        var value = loss.Item();
        if (!float.IsFinite(value) || model.NamedParameters().Any(p => p.Value.Grad is { } g && !AllFinite(g.Data)))
            throw new TrainingDivergedException(Diagnose(model, batch, value));
        optimizer.Step();
        return value;
    }

    private static Tensor Loss(Module model, SegmentationBatch batch, SelfRegulationOptions? selfRegulation, bool selfRegulate)
    {
        if (model is MultiExit multiExit)
        {
            if (batch.Targets is not null) throw new ArgumentException("self-regulation trains on hard labels; soft targets are not supported");
            return SelfRegulationLoss.Compute(multiExit.ForwardExits(batch.Images), batch.Labels, CamVid.IgnoreIndex,
                selfRegulation ?? SelfRegulationOptions.Paper, selfRegulate).Total;
        }
        var logits = model.Forward(batch.Images);
        return batch.Targets is { } targets ? F.SoftCrossEntropy(logits, targets) : F.CrossEntropy(logits, batch.Labels, CamVid.IgnoreIndex);
    }

    private static bool AllFinite(float[] data)
    {
        foreach (var v in data)
            if (!float.IsFinite(v)) return false;
        return true;
    }

    // Names what went non-finite: a weight, else the first op of a forward and backward rerun in anomaly mode.
    private static string Diagnose(Module model, SegmentationBatch batch, float loss)
    {
        if (model.NamedParameters().FirstOrDefault(p => !AllFinite(p.Value.Data)) is { Value: not null } bad)
            return $"loss {loss}: parameter {bad.Name} holds NaN or Inf";
        var was = Anomaly.Enabled;
        Anomaly.Enabled = true;
        try
        {
            foreach (var p in model.Parameters()) p.Grad = null;
            Loss(model, batch, null, false).Backward();
            return $"loss {loss}; a rerun in anomaly mode found no non-finite op value (the overflow is in the loss reduction)";
        }
        catch (ArithmeticException e)
        {
            return $"loss {loss}; {e.Message}";
        }
        finally
        {
            Anomaly.Enabled = was;
        }
    }
}
