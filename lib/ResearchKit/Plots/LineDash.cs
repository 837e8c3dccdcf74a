namespace ResearchKit.Plots;

/// <summary>Line dash styles, with Plotly's names.</summary>
public enum LineDash
{
    /// <summary>Continuous line.</summary>
    Solid,

    /// <summary>Dotted line.</summary>
    Dot,

    /// <summary>Dashed line.</summary>
    Dash,

    /// <summary>Long dashes.</summary>
    LongDash,

    /// <summary>Alternating dashes and dots.</summary>
    DashDot,

    /// <summary>Alternating long dashes and dots.</summary>
    LongDashDot,
}
