using Deedle;
using ResearchKit.Repro;
using ResearchKit.Tables;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>NB02's tables: settings, the Parseval check, and ρ with its bound at the grid factors.</summary>
public static class CeSpectralTables
{
    /// <summary>What NB02 ran on.</summary>
    public static Frame<int, string> Settings(CeSpectralConfig cfg) => Table.Settings(
    [
        ("models (NB00's runs of the preset)", string.Join(", ", cfg.Models.Select(m => $"{CeSpectral.Display(m.Model)} (config {ConfigHash.Of(m)})"))),
        ("checkpoints", "initialisation (the run's seeded weights), mid-training (epoch E/2), final (epoch E)"),
        ("val images", cfg.ValImageLimit?.ToString() ?? "all (101)"),
        ("grid factors s (K = ⌊H/(2s)⌋)", string.Join(", ", cfg.GridFactors)),
        ("logits", "up-sampled bilinearly (align_corners=false) to 360×480; ℓ = log max(softmax, 1e-7); void pixels zero one-hot"),
    ]);

    /// <summary>Per model and checkpoint: pooled CE and the largest relative Parseval error over the val images (double precision).</summary>
    public static Frame<int, string> Parseval(CeSpectralResult r) => Table.FromRows(["model", "checkpoint", "val CE", "max |CE_spatial − CE_spectral| / CE", "≤ 1e-9"],
        r.Models.SelectMany(m => m.Checkpoints.Select(c => (IReadOnlyList<object?>)[m.Name, c.Label, c.MeanCe,
            c.MaxParsevalError, c.MaxParsevalError <= 1e-9])));

    /// <summary>ρ = Σ N_v·CE_K / Σ N_v·CE over the val images at each grid factor, per model and checkpoint, with the
    /// pooled Cauchy–Schwarz bound on |1 − ρ| in brackets.</summary>
    public static Frame<int, string> Rho(CeSpectralResult r) => Table.FromRows(
        new[] { "s", "K" }.Concat(r.Models.SelectMany(m => m.Checkpoints.Select(c => $"{m.Name} {c.Label}: ρ (bound)"))).ToArray(),
        r.Config.GridFactors.Select(s => (IReadOnlyList<object?>)new object?[] { s, r.KForGrid(s) }
            .Concat(r.Models.SelectMany(m => m.Checkpoints.Select(c => (object?)$"{c.Rho[r.KForGrid(s)]:0.000} (±{c.BoundOverCe[r.KForGrid(s)]:0.000})")))
            .ToArray()));

    /// <summary>The runs decomposed: config, seed, commit, final val mIoU.</summary>
    public static Frame<int, string> Runs(CeSpectralResult r) => Table.FromRows(["model", "config", "seed", "trained by commit", "epochs", "final val mIoU"],
        r.Models.Select(m => (IReadOnlyList<object?>)[m.Name, m.TrainManifest.ConfigHash, m.TrainManifest.Seed,
            m.TrainManifest.Commit.Length > 10 ? m.TrainManifest.Commit[..10] : m.TrainManifest.Commit, m.Train.Epochs, Math.Round(m.FinalValMeanIoU, 2)]));
}
