using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>One checkpoint's decomposition, pooled over the val images.</summary>
/// <param name="Epoch">0 = initialisation (the run's seeded initial weights), else the epoch after which it was saved.</param>
/// <param name="MeanCe">Σ_img N_v·CE / Σ_img N_v: the void-masked CE over all valid val pixels.</param>
/// <param name="MaxParsevalError">max over images of |CE_spatial − CE_spectral| / CE.</param>
/// <param name="MaxLowPassError">max over the first <see cref="CeSpectral.LowPassImages"/> images and the config's K of
/// |CE_K − CE of the label map low-passed to B_K in pixel space| / CE.</param>
/// <param name="Rho">ρ(K) = Σ_img N_v·CE_K / Σ_img N_v·CE for K = 0..H/2 (index = K).</param>
/// <param name="BoundOverCe">Σ_img N_v·(Cauchy–Schwarz bound on |R_K|) / Σ_img N_v·CE for K = 0..H/2.</param>
/// <param name="EnergyRatio">E(K) of the val labels used, pooled the same way (Σ numerators / Σ denominators).</param>
public sealed record CeCheckpoint(int Epoch, double MeanCe, double MaxParsevalError, double MaxLowPassError, double[] Rho, double[] BoundOverCe, double[] EnergyRatio)
{
    /// <summary>"initialisation" or "epoch e".</summary>
    public string Label => Epoch == 0 ? "initialisation" : $"epoch {Epoch}";
}

/// <summary>One model's checkpoints and the run they come from.</summary>
public sealed record CeModel(string Name, TrainConfig Train, RunManifest TrainManifest, double FinalValMeanIoU, CeCheckpoint[] Checkpoints);

/// <summary>Outputs of NB02.</summary>
public sealed record CeSpectralResult(CeSpectralConfig Config, RunManifest Manifest, int Height, int Width, int ValImages,
    CeModel[] Models) : IExperimentResult
{
    /// <summary>K = ⌊H/(2s)⌋ for grid factor <paramref name="s"/>.</summary>
    public int KForGrid(int s) => Height / (2 * s);
}
