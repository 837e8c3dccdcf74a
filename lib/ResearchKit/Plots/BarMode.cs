namespace ResearchKit.Plots;

/// <summary>How several bar traces sharing categories are arranged.</summary>
public enum BarMode
{
    /// <summary>Side by side (Plotly's default).</summary>
    Group,

    /// <summary>On top of each other.</summary>
    Stack,

    /// <summary>Drawn over each other.</summary>
    Overlay,
}
