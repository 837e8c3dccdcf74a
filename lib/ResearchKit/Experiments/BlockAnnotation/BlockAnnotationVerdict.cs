using ResearchKit.Claims;

namespace ResearchKit.Experiments.BlockAnnotation;

/// <summary>NB05's verdict by the verdict rule (spectral spec §4/NB05), all of (<see cref="Verdict.AllOf"/>): b = 2 and
/// b = 4 each keep the dense mIoU (b = 1; <see cref="ClaimKind.NoLoss"/>, paired by seed, δ = <see cref="Margin"/>),
/// tiles per image fall 16× from dense to b = 4 (exact), and the mIoU loss rises with e_b(K*(0.95)) (exact on
/// Spearman's ρ).</summary>
/// <remarks>The "rises" check is ρ &gt; 0 because the spec contradicts P4 when "the loss does not rise with e_b
/// (Spearman ≤ 0)": the check fails exactly on the spec's contradiction. ρ is over the mean losses (dense − b) of every
/// b &gt; 1 that has an e_b. It is left inconclusive, not failed, where it cannot be read: fewer than 3 such b or a constant
/// series (ρ undefined), or one seed per arm (the means carry seed noise nobody measured, as in the rule's one-seed case).</remarks>
public static class BlockAnnotationVerdict
{
    /// <summary>The smallest effect of interest δ in mIoU points (spectral spec §4: 1.0).</summary>
    public const double Margin = EffectClaim.DefaultMargin;

    /// <summary>The block sizes the no-loss claim is about (b ≤ s*(0.95) on CamVid).</summary>
    public static readonly IReadOnlyList<int> SmallBlocks = [2, 4];

    /// <summary>P4 on <paramref name="runs"/> (b = 1 is dense) with NB01's e_b(K*(0.95)) per block size (NaN where not computed).</summary>
    public static Verdict Of(IReadOnlyList<BlockRun> runs, Func<int, double> blockError)
    {
        var dense = Seeds(runs, 1);
        if (dense.Count == 0) throw new ArgumentException("NB05 verdict: no dense (b = 1) run to compare with", nameof(runs));
        var parts = SmallBlocks.Select(b => Seeds(runs, b) is { Count: > 0 } arm
            ? VerdictRule.Judge(new EffectClaim($"b = {b} keeps the dense mIoU", $"val mIoU, b = {b} − dense", ClaimKind.NoLoss, Margin), arm, dense)
            : new Verdict($"b = {b} keeps the dense mIoU", Outcome.Inconclusive, $"no arm at b = {b}: this part of the claim is untested on this preset")).ToList();
        double fall = (double)BlockAnnotationResult.Tiles(1) / BlockAnnotationResult.Tiles(4);
        parts.Add(Verdict.Exact("tiles per image fall 16× from dense to b = 4",
            [("(H·W) / ((H/4)·(W/4)) = 16", $"{BlockAnnotationResult.Tiles(1):N0} / {BlockAnnotationResult.Tiles(4):N0} = {fall:0.#}×", fall == 16)]));
        parts.Add(LossRises(runs, blockError));
        return Verdict.AllOf("P4: block labels with b ≤ 4 keep the dense mIoU at 16× fewer tiles, and the loss rises with e_b", parts);
    }

    /// <summary>The "rises" part: Spearman(e_b, dense − b) &gt; 0 over every b &gt; 1 with an e_b.</summary>
    public static Verdict LossRises(IReadOnlyList<BlockRun> runs, Func<int, double> blockError)
    {
        const string claim = "the mIoU loss rises with e_b(K*(0.95))";
        var dense = runs.Where(x => x.BlockSize == 1).Average(x => x.MeanIoU);
        var bs = runs.Select(x => x.BlockSize).Distinct().Order().Where(b => b > 1 && double.IsFinite(blockError(b))).ToArray();
        var loss = bs.Select(b => dense - runs.Where(x => x.BlockSize == b).Average(x => x.MeanIoU)).ToArray();
        var rho = BlockAnnotation.Spearman(bs.Select(blockError).ToArray(), loss);
        var over = $"over b = {string.Join(", ", bs)}";
        if (double.IsNaN(rho))
            return new(claim, Outcome.Inconclusive, $"Spearman is undefined {over} (it needs at least 3 block sizes with e_b and no constant series): untested");
        if (runs.GroupBy(x => x.BlockSize).Any(g => g.Count() < 2))
            return new(claim, Outcome.Inconclusive, $"Spearman(e_b, loss) = {rho:+0.00;−0.00} {over}, from one seed per arm: the losses' seed noise is unmeasured; run at least 2 seeds per arm");
        // ρ comes from seed means and carries no interval: a non-positive ρ is not evidence against P4 by itself.
        return Verdict.Exact(claim, [($"Spearman(e_b, loss) > 0 {over}", $"{rho:+0.00;−0.00}", rho > 0)], onFail: Outcome.Inconclusive);
    }

    private static List<(int Seed, double Value)> Seeds(IReadOnlyList<BlockRun> runs, int b) =>
        runs.Where(x => x.BlockSize == b).Select(x => (x.Seed, x.MeanIoU)).ToList();
}
