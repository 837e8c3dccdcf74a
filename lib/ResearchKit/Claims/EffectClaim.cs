namespace ResearchKit.Claims;

/// <summary>A falsifiable claim about one effect: what it is (arm A − arm B), which way the paper says it goes, and the
/// smallest effect of interest (1.0 mIoU unless a spec gives another; for <see cref="ClaimKind.NoLoss"/> the half-width of
/// the band the effect must stay in).</summary>
/// <param name="Statement">The claim in words, e.g. "Paper beats MeaOnly".</param>
/// <param name="Effect">What is measured, e.g. "val mIoU, Paper − MeaOnly".</param>
/// <param name="Margin">The smallest effect of interest δ, in <paramref name="Unit"/>, &gt; 0.</param>
public sealed record EffectClaim(string Statement, string Effect, ClaimKind Kind, double Margin = EffectClaim.DefaultMargin, string Unit = "mIoU points")
{
    /// <summary>The smallest effect of interest where a spec gives no other: 1.0 mIoU (papers' README, "Verdicts").</summary>
    public const double DefaultMargin = 1.0;

    /// <summary>The claim as one line: "Paper beats MeaOnly: val mIoU, Paper − MeaOnly ≥ +1.0 mIoU points".</summary>
    public override string ToString() => Kind switch
    {
        ClaimKind.Increase => $"{Statement}: {Effect} > 0 (of interest from +{Margin:0.0#})",
        ClaimKind.Decrease => $"{Statement}: {Effect} < 0 (of interest from −{Margin:0.0#})",
        ClaimKind.NotWorse => $"{Statement}: {Effect} > −{Margin:0.0#}",
        _ => $"{Statement}: {Effect} within ±{Margin:0.0#}",
    } + $" {Unit}";
}
