using ResearchKit.Data;
using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>One trained model of NB00: its training result, its val confusion matrix, its cost and some predictions.</summary>
/// <param name="Name">Display name ("U-Net", "DeepLabV3+").</param>
/// <param name="Train">The trainer's result (config, manifest, per-epoch curves, final val scores).</param>
/// <param name="RunFolder">Where the checkpoints and result.json of the run are.</param>
/// <param name="Reused">True when the run was found finished in <paramref name="RunFolder"/> and not retrained.</param>
/// <param name="Confusion">Val confusion counts [truth][prediction] at full resolution, void excluded.</param>
/// <param name="Layers">Parameters and MACs per conv layer for one val image at the training resolution (padded to the size multiple).</param>
/// <param name="EvalSecondsPerImage">Wall seconds per val image of the scoring pass (forward, up-sampling, argmax).</param>
/// <param name="Predictions">Full-resolution predictions of the first val images.</param>
public sealed record BaselineModelRun(string Name, TrainResult Train, string RunFolder, bool Reused, long[][] Confusion,
    LayerCost[] Layers, double EvalSecondsPerImage, LabelMap[] Predictions)
{
    /// <summary>Total MACs of one forward over a val image.</summary>
    public long Macs => Layers.Sum(l => l.Macs);
}

/// <summary>Outputs of NB00: the data statistics and both trained models.</summary>
/// <param name="TrainPixels">Train pixels per class at full resolution; the last entry is Unlabelled.</param>
/// <param name="ValPixels">Val pixels per class; the last entry is Unlabelled.</param>
/// <param name="ValNames">Names of the val images whose predictions are kept.</param>
public sealed record CamVidBaselineResult(
    CamVidBaselineConfig Config,
    RunManifest Manifest,
    string[] ClassNames,
    int TrainImages,
    int ValImages,
    long[] TrainPixels,
    long[] ValPixels,
    string[] ValNames,
    BaselineModelRun[] Models) : IExperimentResult
{
    /// <summary>The run of the model called <paramref name="name"/>.</summary>
    public BaselineModelRun Model(string name) => Models.Single(m => m.Name == name);
}
