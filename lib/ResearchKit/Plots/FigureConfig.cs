using System.Text.Json.Nodes;

namespace ResearchKit.Plots;

/// <summary>Plotly's interactive "config" (not part of the figure's look); unset properties keep Plotly's defaults.</summary>
public sealed class FigureConfig
{
    /// <summary>Resize the plot with its container.</summary>
    public bool? Responsive { get; set; }

    /// <summary>Show the mode bar (zoom, pan, download) on hover; false hides it.</summary>
    public bool? DisplayModeBar { get; set; }

    /// <summary>Draw a static picture with no interaction.</summary>
    public bool? StaticPlot { get; set; }

    /// <summary>True when no property is set.</summary>
    public bool IsEmpty => Responsive is null && DisplayModeBar is null && StaticPlot is null;

    /// <summary>The Plotly config object.</summary>
    public JsonObject ToJsonObject()
    {
        var o = new JsonObject();
        PlotlyJson.SetIf(o, "responsive", Responsive);
        PlotlyJson.SetIf(o, "displayModeBar", DisplayModeBar);
        PlotlyJson.SetIf(o, "staticPlot", StaticPlot);
        return o;
    }
}
