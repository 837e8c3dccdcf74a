namespace ResearchKit.Plots;

/// <summary>How an axis maps values to positions (Plotly's axis "type").</summary>
public enum AxisType
{
    /// <summary>Linear scale.</summary>
    Linear,

    /// <summary>Base-10 logarithmic scale; non-positive values are not drawn.</summary>
    Log,

    /// <summary>Evenly spaced categories.</summary>
    Category,
}
