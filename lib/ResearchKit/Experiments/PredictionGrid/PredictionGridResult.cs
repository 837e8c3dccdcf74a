using ResearchKit.Repro;

namespace ResearchKit.Experiments.PredictionGrid;

/// <summary>One trained arm and seed of NB03.</summary>
/// <param name="GridFactor">s on the 360×480 label grid.</param>
/// <param name="DecoderStride">r on the network's input: the stride the decoder was truncated at.</param>
/// <param name="ThinMeanIoU">Mean IoU over the thin classes present (spec: Pole, SignSymbol, Fence, Pedestrian, Bicyclist).</param>
/// <param name="TrainSeconds">Sum of the run's epochs (val passes included).</param>
/// <param name="PeakWorkingSetMiB">Largest working set sampled during training (0 if the run predates the record).</param>
/// <param name="DecoderMacs">MACs of the decoder and head convs for one val image at the training resolution.</param>
public sealed record GridRun(int GridFactor, int DecoderStride, int Seed, string ConfigHash, string TrainedByCommit, bool Reused,
    double MeanIoU, double ThinMeanIoU, double[] PerClassIoU, double TrainSeconds, double PeakWorkingSetMiB, long DecoderMacs);

/// <summary>Outputs of NB03: every arm and seed, and the class names.</summary>
public sealed record PredictionGridResult(PredictionGridConfig Config, RunManifest Manifest, string[] ClassNames, GridRun[] Runs)
    : IExperimentResult
{
    /// <summary>The runs of grid factor <paramref name="s"/>.</summary>
    public GridRun[] At(int s) => Runs.Where(r => r.GridFactor == s).ToArray();
}
