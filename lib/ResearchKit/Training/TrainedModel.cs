using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Metrics;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Repro;

namespace ResearchKit.Training;

/// <summary>A model rebuilt from a checkpoint that <see cref="Trainer"/> wrote (its config travels in the metadata).</summary>
public static class TrainedModel
{
    /// <summary>The config and model of <paramref name="checkpointPath"/>, weights restored.</summary>
    public static (TrainConfig Config, Module Model) Load(string checkpointPath)
    {
        var ckpt = Checkpoint.Load(checkpointPath);
        using var meta = JsonDocument.Parse(ckpt.MetadataJson);
        if (!meta.RootElement.TryGetProperty("config", out var configText))
            throw new InvalidDataException($"{checkpointPath}: not written by `researchkit train` (no training config in its metadata)");
        var cfg = JsonSerializer.Deserialize<TrainConfig>(configText.GetString()!, ConfigHash.Json)
            ?? throw new InvalidDataException($"{checkpointPath}: unreadable training config");
        var model = Trainer.Build(cfg);
        ckpt.Restore(model);
        return (cfg, model);
    }

    /// <summary>The scores of the checkpoint's model on split <paramref name="split"/> of the SegNet-layout folder <paramref name="dataRoot"/>.</summary>
    public static SegmentationScore Evaluate(string checkpointPath, string dataRoot, string split)
    {
        var (cfg, model) = Load(checkpointPath);
        var labels = CamVid.Open(dataRoot).Split(split);
        var inputs = SegmentationSet.Load(labels, cfg.Factor, cfg.ImageResize, cfg.LabelRule);
        var truth = ParallelLoad.All(inputs.Count, labels.LoadLabel);
        if (truth.All(t => t.Data.All(v => v == CamVid.IgnoreIndex)))
            throw new InvalidDataException($"{Path.Combine(dataRoot, split + "annot")}: every label is Unlabelled ({CamVid.IgnoreIndex}); there is nothing to score");
        return Evaluation.Run((ISegmentationModel)model, inputs, truth);
    }
}
