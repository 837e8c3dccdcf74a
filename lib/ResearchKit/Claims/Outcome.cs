namespace ResearchKit.Claims;

/// <summary>What the runs say about a claim (<see cref="VerdictRule"/> decides it).</summary>
public enum Outcome
{
    /// <summary>The 95 % interval of the effect lies on the claimed side.</summary>
    Reproduced,

    /// <summary>The 95 % interval lies on the wrong side, or rules out every effect of interest: evidence against the claim.</summary>
    Contradicted,

    /// <summary>Neither: too few seeds or too much spread to decide.</summary>
    Inconclusive,
}
