namespace ResearchKit.Losses;

/// <summary>The logit self-regulation term, deep teacher S_N → shallow students (self-regulation spec §3).</summary>
public enum LogitSr
{
    /// <summary>The paper variant (ResearchKit's reading): L_L = T²·Σ_{b=1..N−1} mean over all pixels (void included) of
    /// KL(softmax(sg(S_N)/T) ‖ softmax(S_b/T)).</summary>
    PixelKl,

    /// <summary>The official code's variant: L_L = Σ_{b=1..N−1} BCE(q_b, sg(q_N)), a soft, detached presence target.</summary>
    ClassPresenceBce,

    /// <summary>No logit term.</summary>
    Off,
}
