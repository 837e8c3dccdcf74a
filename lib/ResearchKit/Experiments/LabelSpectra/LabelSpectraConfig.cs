using ResearchKit.Repro;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>Inputs of NB01 (label spectra, E(K), cut-offs, block errors, block-constant oracle): no training.</summary>
/// <param name="TrainImageLimit">Use the first N train labels (sorted by name); null = all 367.</param>
/// <param name="ValImageLimit">Use the first N val labels for the oracle; null = all 101.</param>
/// <param name="VoidHandling">How void enters the main spectra (spec 2.1; default ZeroVector).</param>
/// <param name="Taus">Energy thresholds τ for the cut-off K*(τ).</param>
/// <param name="GridFactors">Grid factors s (must divide 120 on CamVid) for E(s) and the oracle.</param>
/// <param name="ClassFactors">Grid factors at which per-class concentration E_c(s) is reported.</param>
/// <param name="BlockSizes">Block sizes b for the block spectral error e_b(K).</param>
/// <param name="Seed">Recorded in the manifest; NB01 has no random step (subsets are the first N by name).</param>
public sealed record LabelSpectraConfig(
    int? TrainImageLimit,
    int? ValImageLimit,
    VoidHandling VoidHandling,
    double[] Taus,
    int[] GridFactors,
    int[] ClassFactors,
    int[] BlockSizes,
    int Seed)
{
    /// <summary>Seconds: 8 train and 8 val labels, a few factors. For tests and CI.</summary>
    public static LabelSpectraConfig Smoke { get; } = new(8, 8, VoidHandling.ZeroVector,
        [0.90, 0.95, 0.99], [2, 8, 24], [8], [2, 8], 0);

    /// <summary>The whole protocol of spec section 4 (all 367 train and 101 val labels); under a minute on 2 cores.</summary>
    public static LabelSpectraConfig Quick { get; } = new(null, null, VoidHandling.ZeroVector,
        [0.90, 0.95, 0.99], [2, 4, 8, 12, 24, 40], [4, 8, 24], [2, 4, 8, 12, 24, 40], 0);

    /// <summary>Same as <see cref="Quick"/>: NB01 trains nothing, so the full protocol is already cheap.</summary>
    public static LabelSpectraConfig Paper { get; } = Quick;

    /// <summary>Same as <see cref="Paper"/>.</summary>
    public static LabelSpectraConfig Full { get; } = Quick;

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static LabelSpectraConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);
}
