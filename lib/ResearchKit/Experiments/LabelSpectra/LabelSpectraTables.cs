using Deedle;
using ResearchKit.Tables;

namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>The tables of NB01: settings, pooled totals, E(s) per grid, cut-offs, per-class concentration, block errors
/// and the oracle.</summary>
public static class LabelSpectraTables
{
    /// <summary>Every setting of <paramref name="cfg"/> (a <see cref="LabelSpectraConfig"/>), one row each (what the notebook ran).</summary>
    public static Frame<int, string> Settings(LabelSpectraConfig cfg) => Table.Settings(
    [
        ("train labels", cfg.TrainImageLimit?.ToString() ?? "all (367)"),
        ("val labels (oracle)", cfg.ValImageLimit?.ToString() ?? "all (101)"),
        ("void handling", cfg.VoidHandling.ToString()),
        ("τ", string.Join(", ", cfg.Taus)),
        ("grid factors s", string.Join(", ", cfg.GridFactors)),
        ("class factors", string.Join(", ", cfg.ClassFactors)),
        ("block sizes b", string.Join(", ", cfg.BlockSizes)),
        ("seed", cfg.Seed),
    ]);

    /// <summary>What the spectra are pooled over: the number of train labels, E(0) (the DC term alone) and the pooled
    /// denominator N·ΣN_v of every E (one row).</summary>
    public static Frame<int, string> Pooled(LabelSpectraResult r) => Table.FromRows(["train labels", "E(0)", "denominator N·ΣN_v"],
        [[r.TrainImages, Math.Round(r.EnergyRatio[0], 4), r.PooledDenominator]]);

    /// <summary>E(s) for each grid factor next to the share of the DFT plane its band covers (pooled over the train labels;
    /// see <see cref="Pooled"/> for E(0) and the denominator).</summary>
    public static Frame<int, string> Grid(LabelSpectraResult r) => Table.FromRows(
        ["s", "grid", "share of DFT plane in B(s)", "E(s)", "E(s), void as channel", "E(s) / share"],
        r.Grid.Select(g => (IReadOnlyList<object?>)[g.Factor, $"{g.GridHeight}×{g.GridWidth}", Math.Round(g.BandShare, 4),
            Math.Round(g.EnergyRatio, 4), Math.Round(g.EnergyRatioSeparateChannel, 4), Math.Round(g.EnergyRatio / g.BandShare, 1)]));

    /// <summary>K*(τ) and s*(τ) = H/(2K*).</summary>
    public static Frame<int, string> Cutoffs(LabelSpectraResult r) => Table.FromRows(["τ", "K*", "s* = H/(2K*)"],
        r.Cutoffs.Select(c => (IReadOnlyList<object?>)[c.Tau, c.K, Math.Round(c.GridFactor, 2)]));

    /// <summary>Per-class train pixels, pixel share (% of labelled train pixels) and E_c(s) at each class factor, sorted by share.</summary>
    public static Frame<int, string> Classes(LabelSpectraResult r) => Table.FromRows(
        new[] { "class", "train pixels", "share (%)" }.Concat(r.Config.ClassFactors.Select(s => $"E_c(s={s})")).ToArray(),
        r.Classes.OrderByDescending(c => c.PixelShare).Select(c => (IReadOnlyList<object?>)
            new object?[] { c.Name, c.TrainPixels, Math.Round(100 * c.PixelShare, 2) }
                .Concat(c.EnergyRatio.Select(e => (object?)Math.Round(e, 3))).ToArray()));

    /// <summary>e_b(K) at each cut-off K*(τ), with tiles per image (the annotation-cost proxy).</summary>
    public static Frame<int, string> BlockErrors(LabelSpectraResult r) => Table.FromRows(
        new[] { "b", "tiles per image" }.Concat(r.Cutoffs.Select(c => $"e_b(K*={c.K})")).ToArray(),
        r.BlockErrors.Select(b => (IReadOnlyList<object?>)new object?[] { b.BlockSize, b.TilesPerImage }
            .Concat(r.Cutoffs.Select(c => (object?)Math.Round(b.ErrorCurve[c.K], 4))).ToArray()));

    /// <summary>Block-constant oracle mIoU (%) on val per factor and rule: void excluded, a predicted void counts as a miss.</summary>
    public static Frame<int, string> Oracle(LabelSpectraResult r) => Table.FromRows(["s", "majority", "nearest-centre", "nearest-top-left"],
        r.Oracle.Select(o => (IReadOnlyList<object?>)[o.Factor, Math.Round(o.Majority, 2), Math.Round(o.NearestCentre, 2),
            Math.Round(o.NearestTopLeft, 2)]));
}
