namespace ResearchKit.Repro;

/// <summary>How much compute an experiment spends; every experiment config has one static property per value.</summary>
public enum Preset
{
    /// <summary>Seconds: unit tests and CI.</summary>
    Smoke,
    /// <summary>A few CPU minutes: the default of the README's main command.</summary>
    Quick,
    /// <summary>The paper's figure, within about 2 hours on 2 cores.</summary>
    Paper,
    /// <summary>The paper's full protocol where it needs more than <see cref="Paper"/>.</summary>
    Full,
}
