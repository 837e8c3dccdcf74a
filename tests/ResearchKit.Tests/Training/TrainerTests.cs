using System.Text.Json;
using System.Text.RegularExpressions;
using ResearchKit.Data;
using ResearchKit.Engine;
using ResearchKit.Labels;
using ResearchKit.Losses;
using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Training;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Training;

/// <summary>Smoke training on the real CamVid (16 train, 8 val images at 45x60) and single steps on a tiny U-Net. Trainer
/// sets the global thread count and the tests compare runs bit for bit, so these run alone.</summary>
[Collection(ResearchKit.Tests.Support.ThreadCountCollection.Name)]
public sealed class TrainerTests(SmokeRun whole) : IClassFixture<SmokeRun>, IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rk-train-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private TrainResult Train(string name, TrainConfig? cfg = null) =>
        Trainer.Run(cfg ?? TrainConfig.Smoke, DataPaths.CamVid, Path.Combine(dir, name), TextWriter.Null);

    /// <summary>A folder holding <paramref name="checkpoint"/> as its last.ckpt: a run stopped after that epoch.</summary>
    private string FolderResumingFrom(string name, string checkpoint)
    {
        var folder = Path.Combine(dir, name);
        Directory.CreateDirectory(folder);
        File.Copy(checkpoint, Path.Combine(folder, Trainer.LastCheckpoint));
        return folder;
    }

    [Fact]
    public void Smoke_LossFalls_AndTheResultNamesItsConfigSeedAndEngine()
    {
        var result = whole.Result;
        Assert.Equal([1, 2, 3], result.Epochs.Select(e => e.Epoch));
        Assert.True(result.Epochs[^1].MeanLoss < 0.9 * result.Epochs[0].MeanLoss, $"loss {result.Epochs[0].MeanLoss} -> {result.Epochs[^1].MeanLoss}");
        Assert.All(result.Epochs, e => Assert.InRange(e.ValMeanIoU, 0.0, 100.0)); // EvalEvery 1: every epoch is scored
        Assert.Equal(ConfigHash.Of(TrainConfig.Smoke), result.Manifest.ConfigHash);
        Assert.Equal(0, result.Manifest.Seed);
        Assert.Equal(EngineFingerprint.Current, result.Engine);
        Assert.Equal(8, result.Final.Images);
        Assert.Equal(11, result.Final.PerClassIoU.Length);
        Assert.InRange(result.Final.MeanIoU, 0.0, 100.0);
        // The last epoch's val score is the final model's.
        Assert.Equal(result.Final.MeanIoU, result.Epochs[^1].ValMeanIoU);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(whole.Folder, "result.json")));
        Assert.Equal(result.Final.MeanIoU, json.RootElement.GetProperty("final").GetProperty("meanIoU").GetDouble());
        Assert.Equal(result.Manifest.ConfigHash, json.RootElement.GetProperty("manifest").GetProperty("configHash").GetString());
        Assert.Equal(EngineFingerprint.Current, json.RootElement.GetProperty("engine").GetString());
        Assert.Equal(Path.Combine(whole.Folder, "final.ckpt"), result.Checkpoint);
        Assert.Equal(["epoch-001.ckpt", "epoch-002.ckpt", "epoch-003.ckpt", "final.ckpt", "last.ckpt", "result.json"],
            Directory.GetFiles(whole.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var last = Checkpoint.Load(Path.Combine(whole.Folder, Trainer.LastCheckpoint));
        Assert.Equal((12L, 3L), (last.Step, last.Epoch)); // 3 epochs of 4 batches
    }

    [Fact]
    public void PolyRate_AtTheStartHalfwayAndTheEnd_IsBaseTimesOneMinusTOverTToThePower()
    {
        var cfg = TrainConfig.Smoke; // base 0.05, power 0.9
        Assert.Equal(0.05, Trainer.PolyRate(cfg, 0, 12), 15);
        Assert.Equal(0.02679433656340733, Trainer.PolyRate(cfg, 6, 12), 15); // 0.05·0.5^0.9
        Assert.Equal(0.0, Trainer.PolyRate(cfg, 12, 12), 15);
        Assert.Equal(0.0, Trainer.PolyRate(cfg, 13, 12), 15); // past the end it stays at zero
        var linear = cfg with { LearningRate = 0.1, PolyPower = 1 };
        Assert.Equal(0.025, Trainer.PolyRate(linear, 6, 8), 15); // 0.1·(1 − 6/8)
    }

    [Fact]
    public void EachBatch_TrainsAtThePolyRateOfItsIteration()
    {
        // Smoke: 4 batches per epoch, 12 iterations; batch b of epoch e is iteration 4e + b − 1.
        Assert.Equal(12, whole.Batches.Count);
        Assert.Equal((0, 1, 0.05), (whole.Batches[0].Epoch, whole.Batches[0].Batch, whole.Batches[0].LearningRate));
        Assert.Equal((2, 4), (whole.Batches[^1].Epoch, whole.Batches[^1].Batch));
        foreach (var (epoch, batch, _, lr) in whole.Batches)
            Assert.Equal(0.05 * Math.Pow(1 - (4.0 * epoch + batch - 1) / 12, 0.9), lr, 15);
        Assert.Equal(whole.Result.Epochs.Select(e => e.MeanLoss),
            whole.Batches.Chunk(4).Select(epoch => epoch.Sum(b => (double)b.Loss) / 4)); // an epoch's loss is its batches' mean
    }

    [Fact]
    public void SameSeedAndThreadCount_GiveBitwiseIdenticalLosses_AndAnotherSeedOtherOnes()
    {
        TorchRuntime.SetThreads(2);
        var first = LossesOf(seed: 3);
        var again = LossesOf(seed: 3);
        var other = LossesOf(seed: 4);
        Assert.Equal(first, again);
        Assert.All(first.Zip(other), p => Assert.NotEqual(p.First, p.Second));
        Assert.True(first[^1] < first[0], $"loss {first[0]} -> {first[^1]}"); // and the steps do train
    }

    [Fact]
    public void OneHotTargets_GiveTheSameStepAsHardLabels()
    {
        // Soft-labelling spec 2.4: soft CE on one-hot targets (void = zero vector) is CE with the ignore index.
        var set = SegmentationSet.Load(CamVid.Open(DataPaths.CamVid).Split("train"), 8, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 4);
        using var batch = new SegmentationLoader(set, 4, 32, 48, seed: 0).Epoch(0).First();
        var labels = batch.Labels.data<long>().ToArray();
        var oneHot = new float[4 * 11 * 32 * 48];
        for (var p = 0; p < labels.Length; p++)
            if (labels[p] < 11) oneHot[((p / (32 * 48)) * 11 + labels[p]) * 32 * 48 + p % (32 * 48)] = 1f;
        Assert.Contains(11L, labels); // the crop holds void pixels, which both losses must skip
        var (hardModel, softModel) = (Trainer.Build(TrainConfig.Smoke), Trainer.Build(TrainConfig.Smoke));
        using var hardSgd = optim.SGD(hardModel.parameters(), 0.05, momentum: 0.9);
        using var softSgd = optim.SGD(softModel.parameters(), 0.05, momentum: 0.9);
        var hard = Trainer.Step(hardModel, hardSgd, batch, CamVid.IgnoreIndex);
        using var targets = tensor(oneHot, [4, 11, 32, 48]);
        var soft = Trainer.Step(softModel, softSgd, batch with { Targets = targets }, CamVid.IgnoreIndex);
        Assert.Equal(hard, soft, 5);
        var (a, b) = (Ops.ToFloats(hardModel.parameters().First()), Ops.ToFloats(softModel.parameters().First()));
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second, 5));
    }

    [Fact]
    public void SoftRuleSmoke_TrainsOnWholePaddedImagesWithSoftCrossEntropy_AndTheLossFalls()
    {
        var cfg = TrainConfig.Smoke with { LabelRule = LabelDownsampling.SoftBox, CropHeight = 48, CropWidth = 64 };
        var result = Train("soft", cfg);
        Assert.True(result.Epochs[^1].MeanLoss < 0.9 * result.Epochs[0].MeanLoss, $"loss {result.Epochs[0].MeanLoss} -> {result.Epochs[^1].MeanLoss}");
        Assert.InRange(result.Final.MeanIoU, 0.0, 100.0);
        Assert.NotEqual(ConfigHash.Of(TrainConfig.Smoke with { CropHeight = 48, CropWidth = 64 }), result.Manifest.ConfigHash);
    }

    [Fact]
    public void ResumingFromAnEpochCheckpoint_EndsWithTheNumbersOfAnUninterruptedRun()
    {
        // A run that stopped after epoch 1: its folder holds epoch 1's checkpoint as the last one.
        FolderResumingFrom("cut", Path.Combine(whole.Folder, "epoch-001.ckpt"));
        var resumed = Train("cut");
        Assert.Equal(whole.Result.Epochs.Select(e => e.MeanLoss), resumed.Epochs.Select(e => e.MeanLoss));
        Assert.Equal(whole.Result.Epochs.Select(e => e.ValMeanIoU), resumed.Epochs.Select(e => e.ValMeanIoU));
        Assert.Equal(whole.Result.Final.PerClassIoU, resumed.Final.PerClassIoU);
        Assert.Equal(whole.Result.Epochs[0].Seconds, resumed.Epochs[0].Seconds); // epoch 1 was not run again
    }

    [Fact]
    public void AnInterruptFromTheNotebookHost_StopsTrainingBetweenBatches_AndTheRunResumesFromItsLastEpoch()
    {
        var checks = 0;
        // What the Jupyter kernel offers: a check that throws once the user interrupted (here: in epoch 2's second batch).
        AppContext.SetData(NotebookHost.InterruptCheckKey, (Action)(() =>
        {
            if (++checks == 16 / TrainConfig.Smoke.BatchSize + 2) throw new OperationCanceledException("interrupted by the test");
        }));
        try
        {
            Assert.Equal("interrupted by the test", Assert.Throws<OperationCanceledException>(() => Train("cut")).Message);
        }
        finally
        {
            AppContext.SetData(NotebookHost.InterruptCheckKey, null);
        }
        Assert.Equal(6, checks); // one check per batch, none after the interrupt
        Assert.False(File.Exists(Path.Combine(dir, "cut", "result.json"))); // nothing that looks complete
        Assert.False(File.Exists(Path.Combine(dir, "cut", "final.ckpt")));
        Assert.Equal(1, Checkpoint.Load(Path.Combine(dir, "cut", Trainer.LastCheckpoint)).Epoch);
        var resumed = Train("cut");
        Assert.Equal(whole.Result.Epochs.Select(e => e.MeanLoss), resumed.Epochs.Select(e => e.MeanLoss));
        Assert.Equal(whole.Result.Final.PerClassIoU, resumed.Final.PerClassIoU);
    }

    [Fact]
    public void ACheckpointOfAnotherConfig_IsNotResumed()
    {
        var folder = FolderResumingFrom("a", Path.Combine(whole.Folder, "epoch-001.ckpt"));
        var other = TrainConfig.Smoke with { Seed = 1 };
        var e = Assert.Throws<InvalidDataException>(() => Train("a", other));
        Assert.Equal($"{Path.Combine(folder, Trainer.LastCheckpoint)}: written by config {ConfigHash.Of(TrainConfig.Smoke)}, " +
            $"not this run's {ConfigHash.Of(other)}; use another --out folder or delete it", e.Message);
    }

    [Fact]
    public void ACheckpointOfAnotherEngine_IsNotResumed()
    {
        var folder = FolderResumingFrom("engine", Path.Combine(whole.Folder, "epoch-001.ckpt"));
        var path = Path.Combine(folder, Trainer.LastCheckpoint);
        var ours = Checkpoint.Load(path);
        new Checkpoint
        {
            Step = ours.Step, Epoch = ours.Epoch, State = ours.State, OptimizerState = ours.OptimizerState, RngState = ours.RngState,
            MetadataJson = ours.MetadataJson, Engine = "torchsharp-0.105.0+libtorch-2.5.1/train-1",
        }.Save(path);
        var e = Assert.Throws<InvalidDataException>(() => Train("engine"));
        Assert.Equal($"{path}: written by engine torchsharp-0.105.0+libtorch-2.5.1/train-1, not this kit's {EngineFingerprint.Current}; " +
            "use another --out folder or delete it", e.Message);
        Assert.Equal([Trainer.LastCheckpoint], Directory.GetFiles(folder).Select(Path.GetFileName)); // nothing was trained
    }

    [Fact]
    public void TheFinalCheckpoint_RebuildsTheModelAndScoresAsTheRunDid()
    {
        var (cfg, model) = TrainedModel.Load(whole.Result.Checkpoint);
        Assert.Equal(ConfigHash.Of(TrainConfig.Smoke), ConfigHash.Of(cfg));
        Assert.False(model.training);
        // The run's own val images (the first 8) through the rebuilt model give the run's final scores exactly.
        var score = ScoreOnTheRunsVal(model, cfg);
        Assert.Equal(whole.Result.Final.PerClassIoU, score.PerClassIoU);
        Assert.Equal(whole.Result.Final.MeanIoU, score.MeanIoU);
        // Scoring the whole val split (101 images) through the checkpoint: a real number, per class too.
        var all = TrainedModel.Evaluate(whole.Result.Checkpoint, DataPaths.CamVid, "val");
        Assert.Equal(101, all.Images);
        Assert.Equal(11, all.PerClassIoU.Length);
        Assert.InRange(all.MeanIoU, 0.0, 100.0);
    }

    [Fact]
    public void ADivergingStep_NamesTheFirstNonFiniteGradient_AndLeavesTheWeightsAsTheyWere()
    {
        var model = TinyTraining.Model(seed: 1);
        using var sgd = TinyTraining.Sgd(model);
        using var batch = TinyTraining.Batch();
        batch.Images[0, 0, 0, 0].fill_(float.NaN); // one pixel of one image
        var before = model.parameters().Select(Ops.ToFloats).ToArray();
        var e = Assert.Throws<TrainingDivergedException>(() => Trainer.Step(model, sgd, batch, TinyTraining.IgnoreIndex));
        Assert.Equal("loss NaN: the gradient of enc1.conv1.weight holds NaN or Inf", e.Message);
        Assert.Equal(before, model.parameters().Select(Ops.ToFloats).ToArray());
    }

    [Fact]
    public void ADivergingRun_StopsNamingEpochBatchAndRate_AndLeavesNoResult()
    {
        var cfg = TrainConfig.Smoke with { LearningRate = 1e30 };
        var outDir = Path.Combine(dir, "diverge");
        var e = Assert.Throws<TrainingDivergedException>(() => Train("diverge", cfg));
        var m = Regex.Match(e.Message, @"^training diverged at epoch 1, batch (\d+) \(lr ([^)]+)\): loss \S+: (parameter|the gradient of) [a-z0-9_.]+ holds NaN or Inf; (.*)$");
        Assert.True(m.Success, e.Message);
        var batch = int.Parse(m.Groups[1].Value);
        Assert.InRange(batch, 2, 4); // the first step is finite; the weights it makes are not
        Assert.Equal(Trainer.PolyRate(cfg, batch - 1, 12).ToString("G3"), m.Groups[2].Value);
        Assert.Equal($"{outDir} keeps the checkpoint of epoch 0 and no result", m.Groups[4].Value);
        Assert.Empty(Directory.GetFiles(outDir));
    }

    [Theory]
    [InlineData(ModelKind.DeepLabV3Plus)]
    [InlineData(ModelKind.Dan)]
    [InlineData(ModelKind.SrNet)]
    public void OtherModelsSmoke_LossFalls_AndTheirCheckpointsRebuildThem(ModelKind model)
    {
        var result = Train(model.ToString(), TrainConfig.For(Preset.Smoke, model));
        Assert.True(result.Epochs[^1].MeanLoss < 0.9 * result.Epochs[0].MeanLoss, $"loss {result.Epochs[0].MeanLoss} -> {result.Epochs[^1].MeanLoss}");
        var (cfg, rebuilt) = TrainedModel.Load(result.Checkpoint);
        Assert.Equal(model, cfg.Model);
        Assert.Equal(result.Parameters, Trainer.ParameterCount(rebuilt));
        Assert.Equal(result.Final.PerClassIoU, ScoreOnTheRunsVal(rebuilt, cfg).PerClassIoU);
    }

    [Theory]
    [InlineData(ModelKind.SrNet)]
    [InlineData(ModelKind.UNet)]
    public void SelfRegulationSmoke_TrainsTheMultiExitNetwork_AndItsCheckpointScoresTheMainPath(ModelKind model)
    {
        var cfg = TrainConfig.For(Preset.Smoke, model) with { SelfRegulation = SelfRegulationOptions.Paper };
        var result = Train("sr" + model, cfg);
        // The SR terms join after the warm-up (the first quarter of the iterations), so the total falls less than CE alone.
        Assert.True(result.Epochs[^1].MeanLoss < result.Epochs[0].MeanLoss, $"loss {result.Epochs[0].MeanLoss} -> {result.Epochs[^1].MeanLoss}");
        var (loaded, rebuilt) = TrainedModel.Load(result.Checkpoint);
        Assert.Equal(ConfigHash.Of(cfg), ConfigHash.Of(loaded));
        Assert.IsType<MultiExit>(rebuilt);
        Assert.NotEqual(ConfigHash.Of(cfg with { SelfRegulation = null }), ConfigHash.Of(cfg));
        // The rebuilt wrapper scores the main path: on the run's val images, exactly the run's final scores.
        Assert.Equal(result.Final.PerClassIoU, ScoreOnTheRunsVal(rebuilt, loaded).PerClassIoU);
    }

    /// <summary>The scores of <paramref name="model"/> on the val images a run of <paramref name="cfg"/> scores (the first
    /// ValLimit, at its factor) against their full-resolution labels.</summary>
    private static ResearchKit.Metrics.SegmentationScore ScoreOnTheRunsVal(nn.Module<Tensor, Tensor> model, TrainConfig cfg)
    {
        var val = CamVid.Open(DataPaths.CamVid).Split("val");
        var inputs = SegmentationSet.Load(val, cfg.Factor, cfg.ImageResize, cfg.LabelRule, cfg.ValLimit);
        return Evaluation.Run((ISegmentationModel)model, inputs, Enumerable.Range(0, inputs.Count).Select(val.LoadLabel).ToArray());
    }

    private static float[] LossesOf(int seed)
    {
        var model = TinyTraining.Model(seed);
        using var sgd = TinyTraining.Sgd(model);
        return TinyTraining.Losses(model, sgd, steps: 5);
    }
}
