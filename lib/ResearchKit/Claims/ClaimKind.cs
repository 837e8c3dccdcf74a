namespace ResearchKit.Claims;

/// <summary>Which side of which boundary a claim puts its effect (the difference between two arms, arm A − arm B).</summary>
public enum ClaimKind
{
    /// <summary>A − B &gt; 0, by at least the smallest effect of interest (e.g. "soft labels beat nearest-centre").</summary>
    Increase,

    /// <summary>A − B &lt; 0, by at least the smallest effect of interest (e.g. "a coarser grid loses accuracy").</summary>
    Decrease,

    /// <summary>"No loss": A − B stays within ± the smallest effect of interest, and losing means A below B (e.g. "a
    /// truncated decoder keeps the plain one's mIoU": A = truncated, B = plain).</summary>
    NoLoss,

    /// <summary>"At least as good": A − B does not fall below −δ (non-inferiority, e.g. "Paper is at least as good as
    /// Baseline"); a large gain satisfies it, where it would leave a <see cref="NoLoss"/> claim open.</summary>
    NotWorse,
}
