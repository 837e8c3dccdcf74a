using System.Text.Json.Nodes;

namespace ResearchKit.Plots;

/// <summary>One Plotly trace (an entry of the figure's "data" array).</summary>
public abstract class Trace
{
    /// <summary>Legend and hover name.</summary>
    public string? Name { get; set; }

    /// <summary>Whether the trace gets a legend entry; null keeps Plotly's default.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Plotly's trace type: "scatter", "bar", "heatmap", "image" or "table".</summary>
    public abstract string Type { get; }

    /// <summary>The trace as a Plotly JSON object.</summary>
    public JsonObject ToJsonObject()
    {
        var o = new JsonObject { ["type"] = Type };
        PlotlyJson.SetIf(o, "name", Name);
        PlotlyJson.SetIf(o, "showlegend", ShowLegend);
        WriteProperties(o);
        return o;
    }

    /// <summary>Adds the trace-specific properties to <paramref name="trace"/>.</summary>
    protected abstract void WriteProperties(JsonObject trace);
}
