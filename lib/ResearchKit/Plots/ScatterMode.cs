namespace ResearchKit.Plots;

/// <summary>What a scatter trace draws for its points; flags combine ("lines+markers").</summary>
[Flags]
public enum ScatterMode
{
    /// <summary>Connect the points with lines.</summary>
    Lines = 1,

    /// <summary>Draw a marker at each point.</summary>
    Markers = 2,
}
