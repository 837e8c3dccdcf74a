using ResearchKit.Plots;

namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>The tables of NB01: settings, E(s) per grid, cut-offs, per-class concentration, block errors and the oracle.</summary>
public static class LabelSpectraTables
{
    /// <summary>Every setting of <paramref name="cfg"/>, one row each (what the notebook ran).</summary>
    public static HtmlTable Settings(LabelSpectraConfig cfg) => new(["setting", "value"],
    [
        ["train labels", cfg.TrainImageLimit?.ToString() ?? "all (367)"],
        ["val labels (oracle)", cfg.ValImageLimit?.ToString() ?? "all (101)"],
        ["void handling", cfg.VoidHandling.ToString()],
        ["τ", string.Join(", ", cfg.Taus)],
        ["grid factors s", string.Join(", ", cfg.GridFactors)],
        ["class factors", string.Join(", ", cfg.ClassFactors)],
        ["block sizes b", string.Join(", ", cfg.BlockSizes)],
        ["seed", cfg.Seed],
    ], "LabelSpectraConfig");

    /// <summary>E(s) for each grid factor next to the share of the DFT plane its band covers.</summary>
    public static HtmlTable Grid(LabelSpectraResult r) => new(
        ["s", "grid", "share of DFT plane in B(s)", "E(s)", "E(s), void as channel", "E(s) / share"],
        r.Grid.Select(g => (IReadOnlyList<object?>)[g.Factor, $"{g.GridHeight}×{g.GridWidth}", g.BandShare.ToString("0.0000"),
            g.EnergyRatio.ToString("0.0000"), g.EnergyRatioSeparateChannel.ToString("0.0000"), (g.EnergyRatio / g.BandShare).ToString("0.0")]),
        $"Pooled over {r.TrainImages} train labels; E(0) = {r.EnergyRatio[0]:0.0000}, denominator N·ΣN_v = {r.PooledDenominator:N0}");

    /// <summary>K*(τ) and s*(τ) = H/(2K*).</summary>
    public static HtmlTable Cutoffs(LabelSpectraResult r) => new(["τ", "K*", "s* = H/(2K*)"],
        r.Cutoffs.Select(c => (IReadOnlyList<object?>)[c.Tau.ToString("0.00"), c.K, c.GridFactor.ToString("0.##")]));

    /// <summary>Per-class pixel share and E_c(s), sorted by share.</summary>
    public static HtmlTable Classes(LabelSpectraResult r) => new(
        new[] { "class", "train pixels", "share" }.Concat(r.Config.ClassFactors.Select(s => $"E_c(s={s})")).ToArray(),
        r.Classes.OrderByDescending(c => c.PixelShare).Select(c => (IReadOnlyList<object?>)
            new object?[] { c.Name, c.TrainPixels.ToString("N0"), (100 * c.PixelShare).ToString("0.00") + "%" }
                .Concat(c.EnergyRatio.Select(e => (object?)e.ToString("0.000"))).ToArray()));

    /// <summary>e_b(K) at each cut-off K*(τ), with tiles per image (the annotation-cost proxy).</summary>
    public static HtmlTable BlockErrors(LabelSpectraResult r) => new(
        new[] { "b", "tiles per image" }.Concat(r.Cutoffs.Select(c => $"e_b(K*={c.K})")).ToArray(),
        r.BlockErrors.Select(b => (IReadOnlyList<object?>)new object?[] { b.BlockSize, b.TilesPerImage.ToString("N0") }
            .Concat(r.Cutoffs.Select(c => (object?)b.ErrorCurve[c.K].ToString("0.0000"))).ToArray()));

    /// <summary>Oracle mIoU per factor and rule.</summary>
    public static HtmlTable Oracle(LabelSpectraResult r) => new(["s", "majority", "nearest-centre", "nearest-top-left"],
        r.Oracle.Select(o => (IReadOnlyList<object?>)[o.Factor, o.Majority.ToString("0.00"), o.NearestCentre.ToString("0.00"),
            o.NearestTopLeft.ToString("0.00")]), "Block-constant oracle mIoU (%) on val, void excluded, predicted void counts as a miss");
}
