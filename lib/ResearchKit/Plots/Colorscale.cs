namespace ResearchKit.Plots;

/// <summary>The colour scales built into plotly.js, with its names (Python-only scales such as Inferno are absent).</summary>
public enum Colorscale
{
    /// <summary>Perceptually uniform dark blue to yellow.</summary>
    Viridis,

    /// <summary>Perceptually uniform, colour-blind safe blue to yellow.</summary>
    Cividis,

    /// <summary>Black to white.</summary>
    Greys,

    /// <summary>Black, red, yellow, white.</summary>
    Hot,

    /// <summary>Black body radiation.</summary>
    Blackbody,

    /// <summary>Diverging red to blue.</summary>
    RdBu,

    /// <summary>Yellow, green, blue.</summary>
    YlGnBu,

    /// <summary>Yellow, orange, red.</summary>
    YlOrRd,

    /// <summary>Blues.</summary>
    Blues,

    /// <summary>Reds.</summary>
    Reds,

    /// <summary>Greens.</summary>
    Greens,

    /// <summary>Blue to red.</summary>
    Bluered,

    /// <summary>Dark blue to yellow, electric.</summary>
    Electric,

    /// <summary>Earth tones.</summary>
    Earth,

    /// <summary>Blue, white, red.</summary>
    Picnic,

    /// <summary>Blue, orange, red.</summary>
    Portland,

    /// <summary>Classic rainbow.</summary>
    Rainbow,

    /// <summary>Classic jet.</summary>
    Jet,
}
