namespace ResearchKit.Claims;

/// <summary>Which side of which boundary a claim puts its effect (the difference between two arms, arm A − arm B).</summary>
public enum ClaimKind
{
    /// <summary>A − B &gt; 0, by at least the smallest effect of interest (e.g. "soft labels beat nearest-centre").</summary>
    Increase,

    /// <summary>A − B &lt; 0, by at least the smallest effect of interest (e.g. "a coarser grid loses accuracy").</summary>
    Decrease,

    /// <summary>A − B stays below the margin (e.g. "truncating the decoder loses less than 1 mIoU": A = plain, B = truncated).</summary>
    AtMost,
}
