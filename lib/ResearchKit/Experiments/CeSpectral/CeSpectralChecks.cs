using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>NB02's check cell and verdict (spectral spec 4/NB02).</summary>
public static class CeSpectralChecks
{
    /// <summary>What must hold on any preset: Parseval on every image, ρ(H/2) = 1, and |1 − ρ| within the pooled bound
    /// at every K, for every model and checkpoint.</summary>
    public static CheckList Evaluate(CeSpectralResult r)
    {
        var checks = new CheckList("NB02 CE spectral decomposition");
        foreach (var m in r.Models)
            foreach (var c in m.Checkpoints)
            {
                checks.Add($"{m.Name} {c.Label}: Parseval on every val image", c.MaxParsevalError.ToString("0.0e+0"), "≤ 1e-9 · CE", c.MaxParsevalError <= 1e-9);
                checks.Near($"{m.Name} {c.Label}: ρ at K = H/2 (the whole plane)", c.Rho[^1], 1, 1e-9, "0.000000000");
                var worst = Enumerable.Range(0, c.Rho.Length).Max(k => Math.Abs(1 - c.Rho[k]) - c.BoundOverCe[k]);
                checks.Add($"{m.Name} {c.Label}: |1 − ρ(K)| within the Cauchy–Schwarz bound at every K", $"max excess {worst:0.0e+0}", "≤ 1e-12", worst <= 1e-12);
            }
        return checks;
    }

    /// <summary>The spec's criterion on the final checkpoint of <paramref name="model"/>: reproduced if |1 − ρ| ≤ 0.05 at
    /// some K ≤ K*(0.95); contradicted if ρ stays outside 1 ± 0.05 for every K below H/4 (s > 2); else inconclusive.</summary>
    public static (string Verdict, string Reason) Verdict(CeSpectralResult r, LabelSpectraResult spectra, string model)
    {
        var final = r.Models.Single(m => m.Name == model).Checkpoints[^1];
        var kStar = spectra.Cutoff(0.95).K;
        var firstInside = Enumerable.Range(0, final.Rho.Length).FirstOrDefault(k => Math.Abs(1 - final.Rho[k]) <= 0.05, -1);
        var reason = firstInside < 0 ? "ρ never enters 1 ± 0.05" : $"|1 − ρ| ≤ 0.05 first at K = {firstInside} (s ≈ {r.Height / (2.0 * Math.Max(firstInside, 1)):0.#}); K*(0.95) = {kStar}";
        if (firstInside >= 0 && firstInside <= kStar) return ("reproduced", reason);
        if (firstInside < 0 || firstInside >= r.Height / 4) return ("contradicted", reason);
        return ("inconclusive", reason);
    }

    /// <summary>The verdict of every model as a table.</summary>
    public static Plots.HtmlTable Verdicts(CeSpectralResult r, LabelSpectraResult spectra) => new(["model", "verdict", "why"],
        r.Models.Select(m => Verdict(r, spectra, m.Name)).Zip(r.Models, (v, m) => (IReadOnlyList<object?>)[m.Name, v.Verdict, v.Reason]),
        "Spec criterion on the final checkpoint: reproduced if |1 − ρ| ≤ 0.05 at some K ≤ K*(0.95); contradicted if not before s ≤ 2");
}
