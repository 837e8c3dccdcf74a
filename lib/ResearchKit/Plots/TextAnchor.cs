namespace ResearchKit.Plots;

/// <summary>Which point of an annotation's text box sits at its (x, y) position.</summary>
public enum TextAnchor
{
    /// <summary>Plotly chooses.</summary>
    Auto,

    /// <summary>Left edge (x) .</summary>
    Left,

    /// <summary>Horizontal centre (x).</summary>
    Center,

    /// <summary>Right edge (x).</summary>
    Right,

    /// <summary>Top edge (y).</summary>
    Top,

    /// <summary>Vertical middle (y).</summary>
    Middle,

    /// <summary>Bottom edge (y).</summary>
    Bottom,
}
