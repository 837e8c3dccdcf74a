namespace ResearchKit.Losses;

/// <summary>The feature self-regulation term, shallow teacher F_1 → deep students (self-regulation spec §3).</summary>
public enum FeatureSr
{
    /// <summary>The paper variant (ResearchKit's reading): L_F = Σ_{b=2..N} mean((Up_1(P_b(F_b)) − sg(F_1))²), with P_b a
    /// learned 1×1 projection C_b → C_1 (training only) and Up_1 bilinear to F_1's resolution.</summary>
    Mse,

    /// <summary>The official code's variant: Ŷ = argmax_c S_1 per pixel (no ignore), L_F = Σ_{b=2..N} CE_all(S_b, Ŷ); the
    /// teacher gets no gradient.</summary>
    ShallowArgmaxCe,

    /// <summary>No feature term.</summary>
    Off,
}
