using ResearchKit.Repro;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>One scored model of NB04.</summary>
/// <param name="Stride">Decoder stride t.</param>
/// <param name="Operator">The skip operator (t = 1 rows repeat the plain network under each operator's name).</param>
/// <param name="TestOnly">True when the t = 1 model was truncated at evaluation only.</param>
/// <param name="DecoderMacs">MACs of the decoder blocks and head for one val image at the training resolution.</param>
/// <param name="TotalMacs">MACs of every conv for one val image.</param>
/// <param name="MillisecondsPerImage">Wall time of the second val pass per image (forward, operator, up-sampling, argmax).</param>
public sealed record TruncationRun(int Stride, TruncationOperator Operator, bool TestOnly, int Seed, string ConfigHash, string TrainedByCommit,
    double MeanIoU, double ThinMeanIoU, long DecoderMacs, long TotalMacs, double MillisecondsPerImage, double TrainSeconds);

/// <summary>Outputs of NB04.</summary>
public sealed record FeatureTruncationResult(FeatureTruncationConfig Config, RunManifest Manifest, TruncationRun[] Runs) : IExperimentResult;
