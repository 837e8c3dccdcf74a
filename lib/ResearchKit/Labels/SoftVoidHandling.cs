namespace ResearchKit.Labels;

/// <summary>What a soft label does next to void (soft-labelling spec 2.3, its <c>VoidHandling</c>); void source pixels
/// are always the zero vector, so the mass m(p) = Σ_c S[c,p] is below 1 next to void and 0 inside it.</summary>
public enum SoftVoidHandling
{
    /// <summary>The default and the official code's: S is left unnormalised, so a partly void pixel counts with weight
    /// m(p) in the mass-normalised soft cross-entropy and a fully void pixel not at all.</summary>
    KeepMass,

    /// <summary>ResearchKit's option: T = S/m(p) where m(p) &gt; 0, else 0; every pixel with any labelled source counts with weight 1.</summary>
    Renormalise,
}
