using ResearchKit.Metrics;
using ResearchKit.Repro;

namespace ResearchKit.Training;

/// <summary>A finished training run: its config, the per-epoch curves, the final model's val scores and the run manifest.</summary>
public sealed record TrainResult(TrainConfig Config, RunManifest Manifest, EpochRecord[] Epochs, SegmentationScore Final,
    string[] ClassNames, long Parameters, string Checkpoint);
