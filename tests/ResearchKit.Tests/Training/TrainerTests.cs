using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Losses;
using ResearchKit.Models;
using ResearchKit.Optim;
using ResearchKit.Tensors;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Tests.Training;

/// <summary>Smoke training on the real CamVid (16 train, 8 val images at 45x60). Trainer sets the global thread count,
/// so these run alone.</summary>
[Collection(ResearchKit.Tests.Tensors.ThreadCountCollection.Name)]
public sealed class TrainerTests : IDisposable
{
    private readonly string dir = Directory.CreateTempSubdirectory("rk-train-").FullName;

    public void Dispose() => Directory.Delete(dir, recursive: true);

    private TrainResult Train(string name, TrainConfig? cfg = null) =>
        Trainer.Run(cfg ?? TrainConfig.Smoke, DataPaths.CamVid, Path.Combine(dir, name), TextWriter.Null);

    [Fact]
    public void Smoke_LossFalls_AndTheResultNamesItsConfigAndSeed()
    {
        var result = Train("a");
        Assert.Equal(3, result.Epochs.Length);
        Assert.True(result.Epochs[^1].MeanLoss < 0.9 * result.Epochs[0].MeanLoss, $"loss {result.Epochs[0].MeanLoss} -> {result.Epochs[^1].MeanLoss}");
        Assert.Equal(ConfigHash.Of(TrainConfig.Smoke), result.Manifest.ConfigHash);
        Assert.Equal(0, result.Manifest.Seed);
        Assert.Equal(8, result.Final.Images);
        Assert.Equal(11, result.Final.PerClassIoU.Length);
        Assert.InRange(result.Final.MeanIoU, 0.0, 100.0);
        // The last epoch's val score is the final model's.
        Assert.Equal(result.Final.MeanIoU, result.Epochs[^1].ValMeanIoU);
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "a", "result.json")));
        Assert.Equal(result.Final.MeanIoU, json.RootElement.GetProperty("final").GetProperty("meanIoU").GetDouble());
        Assert.Equal(result.Manifest.ConfigHash, json.RootElement.GetProperty("manifest").GetProperty("configHash").GetString());
        Assert.True(File.Exists(Path.Combine(dir, "a", "epoch-003.ckpt")));
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
    public void OneHotTargets_GiveTheSameStepAsHardLabels()
    {
        // Soft-labelling spec 2.4: soft CE on one-hot targets (void = zero vector) is CE with the ignore index.
        var set = SegmentationSet.Load(CamVid.Open(DataPaths.CamVid).Split("train"), 8, ImageResize.Area, LabelDownsampling.NearestCentre, limit: 4);
        var batch = new SegmentationLoader(set, 4, 32, 48, seed: 0).Epoch(0).First();
        var oneHot = new Tensor(new float[4 * 11 * 32 * 48], 4, 11, 32, 48);
        for (var p = 0; p < batch.Labels.Length; p++)
            if (batch.Labels[p] < 11) oneHot.Data[((p / (32 * 48)) * 11 + batch.Labels[p]) * 32 * 48 + p % (32 * 48)] = 1f;
        var (hardModel, softModel) = (Trainer.Build(TrainConfig.Smoke), Trainer.Build(TrainConfig.Smoke));
        var hard = Trainer.Step(hardModel, new Sgd(hardModel.Parameters(), 0.05, 0.9), batch);
        var soft = Trainer.Step(softModel, new Sgd(softModel.Parameters(), 0.05, 0.9), batch with { Targets = oneHot });
        Assert.Equal(hard, soft, 5);
        var (a, b) = (hardModel.Parameters().First().Data, softModel.Parameters().First().Data);
        Assert.All(a.Zip(b), p => Assert.Equal(p.First, p.Second, 5));
    }

    [Fact]
    public void ResumingFromAnEpochCheckpoint_EndsWithTheNumbersOfAnUninterruptedRun()
    {
        var whole = Train("whole");
        // A run that stopped after epoch 1: its folder holds epoch 1's checkpoint as the last one.
        var cut = Path.Combine(dir, "cut");
        Directory.CreateDirectory(cut);
        File.Copy(Path.Combine(dir, "whole", "epoch-001.ckpt"), Path.Combine(cut, Trainer.LastCheckpoint));
        var resumed = Train("cut");
        Assert.Equal(whole.Epochs.Select(e => e.MeanLoss), resumed.Epochs.Select(e => e.MeanLoss));
        Assert.Equal(whole.Epochs.Select(e => e.ValMeanIoU), resumed.Epochs.Select(e => e.ValMeanIoU));
        Assert.Equal(whole.Final.PerClassIoU, resumed.Final.PerClassIoU);
        Assert.Equal(whole.Epochs[0].Seconds, resumed.Epochs[0].Seconds); // epoch 1 was not run again
    }

    [Fact]
    public void AnInterruptFromTheNotebookHost_StopsTrainingBetweenBatches_AndTheRunResumesFromItsLastEpoch()
    {
        var whole = Train("whole");
        var checks = 0;
        // What the Jupyter kernel offers: a check that throws once the user interrupted (here: in epoch 2's second batch).
        AppContext.SetData(NotebookHost.InterruptCheckKey, (Action)(() =>
        {
            if (++checks == 16 / TrainConfig.Smoke.BatchSize + 2) throw new OperationCanceledException("interrupted by the test");
        }));
        try
        {
            Assert.Throws<OperationCanceledException>(() => Train("cut"));
        }
        finally
        {
            AppContext.SetData(NotebookHost.InterruptCheckKey, null);
        }
        Assert.False(File.Exists(Path.Combine(dir, "cut", "result.json"))); // nothing that looks complete
        Assert.True(File.Exists(Path.Combine(dir, "cut", Trainer.LastCheckpoint)));
        var resumed = Train("cut");
        Assert.Equal(whole.Epochs.Select(e => e.MeanLoss), resumed.Epochs.Select(e => e.MeanLoss));
        Assert.Equal(whole.Final.PerClassIoU, resumed.Final.PerClassIoU);
    }

    [Fact]
    public void ACheckpointOfAnotherConfig_IsNotResumed()
    {
        Train("a");
        var e = Assert.Throws<InvalidDataException>(() => Train("a", TrainConfig.Smoke with { Seed = 1 }));
        Assert.Contains("last.ckpt: written by config " + ConfigHash.Of(TrainConfig.Smoke), e.Message);
        Assert.Contains("use another --out folder", e.Message);
    }

    [Fact]
    public void TheFinalCheckpoint_RebuildsTheModelAndScoresAsTheRunDid()
    {
        var result = Train("a");
        var (cfg, _) = TrainedModel.Load(result.Checkpoint);
        Assert.Equal(ConfigHash.Of(TrainConfig.Smoke), ConfigHash.Of(cfg));
        // Scoring the whole val split (101 images) through the checkpoint: a real number, per class too.
        var score = TrainedModel.Evaluate(result.Checkpoint, DataPaths.CamVid, "val");
        Assert.Equal(101, score.Images);
        Assert.InRange(score.MeanIoU, 0.0, 100.0);
    }

    [Theory]
    [InlineData(ModelKind.DeepLabV3Plus)]
    [InlineData(ModelKind.Dan)]
    [InlineData(ModelKind.SrNet)]
    public void OtherModelsSmoke_LossFalls_AndTheirCheckpointsRebuildThem(ModelKind model)
    {
        var result = Train(model.ToString(), TrainConfig.For(ResearchKit.Repro.Preset.Smoke, model));
        Assert.True(result.Epochs[^1].MeanLoss < 0.9 * result.Epochs[0].MeanLoss, $"loss {result.Epochs[0].MeanLoss} -> {result.Epochs[^1].MeanLoss}");
        Assert.Equal(model, TrainedModel.Load(result.Checkpoint).Config.Model);
    }

    [Theory]
    [InlineData(ModelKind.SrNet)]
    [InlineData(ModelKind.UNet)]
    public void SelfRegulationSmoke_TrainsTheMultiExitNetwork_AndItsCheckpointScoresTheMainPath(ModelKind model)
    {
        var cfg = TrainConfig.For(ResearchKit.Repro.Preset.Smoke, model) with { SelfRegulation = SelfRegulationOptions.Paper };
        var result = Train("sr" + model, cfg);
        // The SR terms join after the warm-up (the first quarter of the iterations), so the total falls less than CE alone.
        Assert.True(result.Epochs[^1].MeanLoss < result.Epochs[0].MeanLoss, $"loss {result.Epochs[0].MeanLoss} -> {result.Epochs[^1].MeanLoss}");
        var (loaded, rebuilt) = TrainedModel.Load(result.Checkpoint);
        Assert.Equal(ConfigHash.Of(cfg), ConfigHash.Of(loaded));
        Assert.IsType<MultiExit>(rebuilt);
        Assert.NotEqual(ConfigHash.Of(cfg with { SelfRegulation = null }), ConfigHash.Of(cfg));
        // The rebuilt wrapper scores the main path on all 101 val images.
        Assert.InRange(TrainedModel.Evaluate(result.Checkpoint, DataPaths.CamVid, "val").MeanIoU, 0.0, 100.0);
    }
}
