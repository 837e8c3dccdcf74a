using ResearchKit.Repro;

namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>Outputs of NB01: pooled label spectra statistics of CamVid train and the block-constant oracle on val.</summary>
/// <param name="EnergyRatio">E(K) for K = 0..H/2 (index = K), pooled over the train labels, under the config's void handling.</param>
/// <param name="RadialProfile">Pooled Σ_c |Y_c|² per ring r = ⌊ρ⌋ (spec 2.4).</param>
/// <param name="ClassRadialProfiles">The same ring sums for each class alone, [C][ring].</param>
public sealed record LabelSpectraResult(
    LabelSpectraConfig Config,
    RunManifest Manifest,
    int Height,
    int Width,
    int NumClasses,
    string[] ClassNames,
    int TrainImages,
    int ValImages,
    long PooledDenominator,
    double[] EnergyRatio,
    GridEnergyRow[] Grid,
    CutoffRow[] Cutoffs,
    ClassConcentrationRow[] Classes,
    double[] RadialProfile,
    double[][] ClassRadialProfiles,
    BlockErrorRow[] BlockErrors,
    OracleRow[] Oracle) : IExperimentResult
{
    /// <summary>The cut-off row for threshold <paramref name="tau"/>.</summary>
    public CutoffRow Cutoff(double tau) => Cutoffs.Single(c => Math.Abs(c.Tau - tau) < 1e-12);
}
