namespace ResearchKit.Plots;

/// <summary>Where the legend goes; Plotly's default is <see cref="Right"/>, outside the plot, which narrows it.</summary>
public enum LegendPosition
{
    /// <summary>Outside, right of the plot (Plotly's default).</summary>
    Right,
    /// <summary>Outside, below the plot and its x-axis title, entries side by side.</summary>
    Below,
    /// <summary>Inside the plot, bottom-right corner.</summary>
    InsideBottomRight,
    /// <summary>Inside the plot, top-right corner.</summary>
    InsideTopRight,
}
