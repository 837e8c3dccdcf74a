using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Metrics;
using ResearchKit.Models;
using ResearchKit.Repro;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Training;

/// <summary>A model rebuilt from a checkpoint that <see cref="Trainer"/> wrote (its config travels in the metadata).</summary>
public static class TrainedModel
{
    /// <summary>The config and model of <paramref name="checkpointPath"/>, weights restored, in eval mode.</summary>
    public static (TrainConfig Config, nn.Module<Tensor, Tensor> Model) Load(string checkpointPath)
    {
        var ckpt = Checkpoint.Load(checkpointPath);
        using var meta = JsonDocument.Parse(ckpt.MetadataJson);
        if (!meta.RootElement.TryGetProperty("config", out var configText))
            throw new InvalidDataException($"{checkpointPath}: not written by `researchkit train` (no training config in its metadata)");
        TrainConfig cfg;
        try
        {
            cfg = JsonSerializer.Deserialize<TrainConfig>(configText.GetString()!, ConfigHash.Json)
                ?? throw new InvalidDataException($"{checkpointPath}: unreadable training config");
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{checkpointPath}: unreadable training config ({e.Message})", e);
        }
        var model = Trainer.Build(cfg);
        ckpt.Restore(model);
        model.eval();
        return (cfg, model);
    }

    /// <summary>The scores of the checkpoint's model on split <paramref name="split"/> of the SegNet-layout folder <paramref name="dataRoot"/>.</summary>
    public static SegmentationScore Evaluate(string checkpointPath, string dataRoot, string split, string? device = null)
    {
        var dev = Engine.TorchRuntime.Device(device);
        var (cfg, model) = Load(checkpointPath);
        model.to(dev);
        var labels = CamVid.Open(dataRoot).Split(split);
        var inputs = SegmentationSet.Load(labels, cfg.Factor, cfg.ImageResize, cfg.LabelRule.IsSoft() ? LabelDownsampling.NearestCentre : cfg.LabelRule);
        var truth = ParallelLoad.All(inputs.Count, labels.LoadLabel);
        if (truth.All(t => t.Data.All(v => v == CamVid.IgnoreIndex)))
            throw new InvalidDataException($"{Path.Combine(dataRoot, split + "annot")}: every label is Unlabelled ({CamVid.IgnoreIndex}); there is nothing to score");
        return Evaluation.Run((ISegmentationModel)model, inputs, truth);
    }
}
