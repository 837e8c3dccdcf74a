using ResearchKit.Metrics;
using ResearchKit.Repro;

namespace ResearchKit.Training;

/// <summary>A finished training run: its config, the per-epoch curves, the final model's val scores, the run manifest
/// and the engine that trained it (<see cref="Engine.EngineFingerprint"/>; empty for runs of the old hand-written engine).</summary>
public sealed record TrainResult(TrainConfig Config, RunManifest Manifest, EpochRecord[] Epochs, SegmentationScore Final,
    string[] ClassNames, long Parameters, string Checkpoint)
{
    /// <summary>The engine fingerprint of the run ("" when the run predates it).</summary>
    public string Engine { get; init; } = "";
}
