using ResearchKit.Plots;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>NB02's tables: settings, the Parseval check, and ρ with its bound at the grid factors.</summary>
public static class CeSpectralTables
{
    /// <summary>What NB02 ran on.</summary>
    public static HtmlTable Settings(CeSpectralConfig cfg) => new(["setting", "value"],
    [
        ["models (NB00's runs of the preset)", string.Join(", ", cfg.Models.Select(m => $"{CeSpectral.Display(m.Model)} (config {ConfigHash.Of(m)})"))],
        ["checkpoints", "initialisation (the run's seeded weights), mid-training (epoch E/2), final (epoch E)"],
        ["val images", cfg.ValImageLimit?.ToString() ?? "all (101)"],
        ["grid factors s (K = ⌊H/(2s)⌋)", string.Join(", ", cfg.GridFactors)],
        ["logits", "up-sampled bilinearly (align_corners=false) to 360×480; ℓ = log max(softmax, 1e-7); void pixels zero one-hot"],
    ], "CeSpectralConfig");

    /// <summary>Per model and checkpoint: pooled CE and the largest relative Parseval error over the images.</summary>
    public static HtmlTable Parseval(CeSpectralResult r) => new(["model", "checkpoint", "val CE", "max |CE_spatial − CE_spectral| / CE", "≤ 1e-9"],
        r.Models.SelectMany(m => m.Checkpoints.Select(c => (IReadOnlyList<object?>)[m.Name, c.Label, c.MeanCe.ToString("0.0000"),
            c.MaxParsevalError.ToString("0.0e+0"), c.MaxParsevalError <= 1e-9 ? "yes" : "NO"])),
        $"Parseval check on each of the {r.ValImages} val images, double precision");

    /// <summary>ρ and the bound ÷ CE at each grid factor, per model and checkpoint.</summary>
    public static HtmlTable Rho(CeSpectralResult r) => new(
        new[] { "s", "K" }.Concat(r.Models.SelectMany(m => m.Checkpoints.Select(c => $"{m.Name} {c.Label}: ρ (bound)"))).ToArray(),
        r.Config.GridFactors.Select(s => (IReadOnlyList<object?>)new object?[] { s, r.KForGrid(s) }
            .Concat(r.Models.SelectMany(m => m.Checkpoints.Select(c => (object?)$"{c.Rho[r.KForGrid(s)]:0.000} (±{c.BoundOverCe[r.KForGrid(s)]:0.000})")))
            .ToArray()),
        "ρ = Σ N_v·CE_K / Σ N_v·CE over the val images; in brackets the pooled Cauchy–Schwarz bound on |1 − ρ|");

    /// <summary>The runs decomposed: config, seed, commit, final val mIoU.</summary>
    public static HtmlTable Runs(CeSpectralResult r) => new(["model", "config", "seed", "trained by commit", "epochs", "final val mIoU"],
        r.Models.Select(m => (IReadOnlyList<object?>)[m.Name, m.TrainManifest.ConfigHash, m.TrainManifest.Seed,
            m.TrainManifest.Commit.Length > 10 ? m.TrainManifest.Commit[..10] : m.TrainManifest.Commit, m.Train.Epochs, m.FinalValMeanIoU.ToString("0.00")]));
}
