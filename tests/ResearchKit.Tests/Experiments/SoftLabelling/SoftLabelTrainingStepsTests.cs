using ResearchKit.Data;
using ResearchKit.Experiments;
using ResearchKit.Experiments.SoftLabelling;
using ResearchKit.Labels;
using ResearchKit.Models;
using ResearchKit.Training;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

public sealed class SoftLabelTrainingStepsTests
{
    [Fact]
    public void Block_ListsClassesByPixels_WithEveryTarget_AndTheVoidRowGivesTheMissingMass()
    {
        var block = tensor(new long[] { 0, 0, 1, CamVid.IgnoreIndex }).reshape(2, 2);  // Sky Sky / Building void
        var table = SoftLabelTrainingSteps.Block(block,
        [
            (LabelDownsampling.SoftBox, tensor(new[] { 0.5f, 0.25f, 0f })),
            (LabelDownsampling.NearestCentre, tensor(new[] { 0f, 1f, 0f })),
            (LabelDownsampling.SoftBilinearAA, tensor(new[] { 0.4f, 0.3f, 0.1f })),     // Pole leaks in from outside the block
        ]);
        Assert.Equal(["class", "pixels of the 2×2 block", "soft-box", "nearest-centre", "soft-bilinear-aa"], table.ColumnKeys);
        Assert.Equal(["Sky", "Building", "Pole", "void"], table.GetColumn<string>("class").Values);
        Assert.Equal([2, 1, 0, 1], table.GetColumn<int>("pixels of the 2×2 block").Values);
        Assert.Equal([0.5, 0.25, 0, 0.25], table.GetColumn<double>("soft-box").Values);
        Assert.Equal([0, 1, 0, 0], table.GetColumn<double>("nearest-centre").Values);
        Assert.Equal([0.4, 0.3, 0.1, 0.2], table.GetColumn<double>("soft-bilinear-aa").Values);
    }

    [Fact]
    public void Block_WithoutVoidOrMissingMass_HasNoVoidRow()
    {
        var table = SoftLabelTrainingSteps.Block(tensor(new long[] { 3, 3, 3, 5 }).reshape(2, 2),
            [(LabelDownsampling.SoftBox, tensor(new[] { 0f, 0f, 0f, 0.75f, 0f, 0.25f }))]);
        Assert.Equal(["Road", "Tree"], table.GetColumn<string>("class").Values);
        Assert.Equal([0.75, 0.25], table.GetColumn<double>("soft-box").Values);
    }

    [Fact]
    public void Block_RefusesTargetsOfDifferentClassCounts()
    {
        var e = Assert.Throws<ArgumentException>(() => SoftLabelTrainingSteps.Block(zeros(2, 2, dtype: ScalarType.Int64),
            [(LabelDownsampling.SoftBox, ones(3)), (LabelDownsampling.Majority, ones(4))]));
        Assert.Contains("3, 4", e.Message);
    }
}

/// <summary>The network a step cell loads is the run's final checkpoint: it scores what the run reported.</summary>
[Collection(ResearchKit.Tests.Support.ThreadCountCollection.Name)]
public sealed class SoftLabelTrainingStepsNetworkTests : IDisposable
{
    private readonly string runs = Directory.CreateTempSubdirectory("rk-nb07-steps-").FullName;

    public void Dispose() => Directory.Delete(runs, recursive: true);

    [Fact]
    public void Network_IsTheRunsFinalNetwork_InEvalMode_AndScoresTheRunsFinalMeanIoU()
    {
        var arm = SoftLabelTrainingConfig.Smoke.Arm(8, LabelDownsampling.SoftBox, 0);
        var (trained, _, _) = TrainingRuns.GetOrTrain(arm, DataPaths.CamVid, runs, TextWriter.Null);
        var net = SoftLabelTrainingSteps.Network(arm, DataPaths.CamVid, runs);
        Assert.False(net.training);
        var split = CamVid.Open(DataPaths.CamVid).Split("val");
        var val = SegmentationSet.Load(split, 8, arm.ImageResize, LabelDownsampling.NearestCentre, arm.ValLimit);
        var score = Evaluation.Run((ISegmentationModel)net, val, ParallelLoad.All(val.Count, split.LoadLabel));
        Assert.Equal(trained.Final.MeanIoU, score.MeanIoU, 9);
    }
}
