namespace ResearchKit.Plots;

/// <summary>Which side of the plot an axis is drawn on.</summary>
public enum AxisSide
{
    /// <summary>Below the plot (x axes).</summary>
    Bottom,

    /// <summary>Above the plot (x axes), e.g. a second x axis.</summary>
    Top,

    /// <summary>Left of the plot (y axes).</summary>
    Left,

    /// <summary>Right of the plot (y axes), e.g. a second y axis.</summary>
    Right,
}
