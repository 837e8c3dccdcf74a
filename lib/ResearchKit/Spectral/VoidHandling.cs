namespace ResearchKit.Spectral;

/// <summary>How void (<c>ignoreIndex</c>) pixels enter the one-hot label spectra; the default is <see cref="ZeroVector"/>.</summary>
public enum VoidHandling
{
    /// <summary>Void pixels get the zero vector, so the denominator of E(K) is N·N_v (spec 2.1, 2.4).</summary>
    ZeroVector,

    /// <summary>Void is one more channel (index numClasses), so N_v = N and the denominator is N²; spectrum statistics only, never the loss.</summary>
    SeparateChannel,
}
