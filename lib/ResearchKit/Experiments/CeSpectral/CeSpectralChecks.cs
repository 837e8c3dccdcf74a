using ResearchKit.Claims;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>NB02's check cell and verdict (spectral spec 4/NB02).</summary>
public static class CeSpectralChecks
{
    /// <summary>What must hold on any preset, for every model and checkpoint: Parseval on every image; CE_K from the
    /// spectrum equals the CE of the label map low-passed to B_K in pixel space (an independent path through inverse
    /// DFTs: a wrong band shape, conjugation or normalisation fails it); and |1 − ρ| within the pooled bound at every K.</summary>
    public static CheckList Evaluate(CeSpectralResult r)
    {
        var checks = new CheckList("NB02 CE spectral decomposition");
        foreach (var m in r.Models)
            foreach (var c in m.Checkpoints)
            {
                checks.Add($"{m.Name} {c.Label}: Parseval on every val image", c.MaxParsevalError.ToString("0.0e+0"), "≤ 1e-9 · CE", c.MaxParsevalError <= 1e-9);
                checks.Add($"{m.Name} {c.Label}: CE_K from the spectrum = CE of the pixel-space low-passed labels (first {CeSpectral.LowPassImages} images, K of s = {string.Join(", ", r.Config.GridFactors)})",
                    c.MaxLowPassError.ToString("0.0e+0"), "≤ 1e-9 · CE", c.MaxLowPassError <= 1e-9);
                var worst = Enumerable.Range(0, c.Rho.Length).Max(k => Math.Abs(1 - c.Rho[k]) - c.BoundOverCe[k]);
                checks.Add($"{m.Name} {c.Label}: |1 − ρ(K)| within the Cauchy–Schwarz bound at every K", $"max excess {worst:0.0e+0}", "≤ 1e-12", worst <= 1e-12);
            }
        return checks;
    }

    /// <summary>The spec's criterion on the final checkpoint of each model (one trained run each, so no seed interval: the
    /// criterion is exact on the measured ρ): reproduced if |1 − ρ| ≤ 0.05 at some K ≤ K*(0.95); contradicted if ρ stays
    /// outside 1 ± 0.05 for every K below H/4 (until s ≤ 2); else inconclusive. The claim needs every model.</summary>
    public static Verdict Verdict(CeSpectralResult r, LabelSpectraResult spectra) =>
        Claims.Verdict.AllOf("The CE is carried by the low-frequency band B_K, K ≤ K*(0.95) (P1, loss side)",
            r.Models.Select(m => ModelVerdict(r, spectra, m)).ToArray());

    private static Verdict ModelVerdict(CeSpectralResult r, LabelSpectraResult spectra, CeModel m)
    {
        var final = m.Checkpoints[^1];
        var kStar = spectra.Cutoff(0.95).K;
        var firstInside = Enumerable.Range(0, final.Rho.Length).FirstOrDefault(k => Math.Abs(1 - final.Rho[k]) <= 0.05, -1);
        var evidence = firstInside < 0 ? "ρ never enters 1 ± 0.05"
            : $"|1 − ρ| ≤ 0.05 first at K = {firstInside} (s ≈ {r.Height / (2.0 * Math.Max(firstInside, 1)):0.#}); K*(0.95) = {kStar}";
        var outcome = firstInside >= 0 && firstInside <= kStar ? Outcome.Reproduced
            : firstInside < 0 || firstInside >= r.Height / 4 ? Outcome.Contradicted : Outcome.Inconclusive;
        return new Verdict($"{m.Name} {final.Label}: |1 − ρ(K)| ≤ 0.05 at some K ≤ K*(0.95)", outcome, evidence + " (one run: exact, no seed interval)");
    }
}
