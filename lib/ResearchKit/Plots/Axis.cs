using System.Text.Json.Nodes;
using static ResearchKit.Plots.PlotlyJson;

namespace ResearchKit.Plots;

/// <summary>One cartesian axis of a figure's layout ("xaxis", "yaxis2", ...); unset properties keep Plotly's defaults.</summary>
public sealed class Axis
{
    internal Axis(AxisRef reference) => Ref = reference;

    /// <summary>Which axis this is.</summary>
    public AxisRef Ref { get; }

    /// <summary>Axis title.</summary>
    public string? Title { get; set; }

    /// <summary>Scale; null lets Plotly guess from the data.</summary>
    public AxisType? Type { get; set; }

    /// <summary>Visible range in data units; for log axes it is written as log10 of these values, as Plotly expects.</summary>
    public (double Min, double Max)? Range { get; set; }

    /// <summary>Draw this axis over another one (a second axis on the same plot area).</summary>
    public AxisRef? Overlaying { get; set; }

    /// <summary>Side the axis is drawn on.</summary>
    public AxisSide? Side { get; set; }

    /// <summary>The perpendicular axis this one is attached to (subplots: "x2" anchored to "y2").</summary>
    public AxisRef? Anchor { get; set; }

    /// <summary>Keep this axis' range equal to another's (same type); used for a top axis that relabels the bottom one.</summary>
    public AxisRef? Matches { get; set; }

    /// <summary>Fraction of the figure's plotting area (0..1) that this axis spans.</summary>
    public (double Start, double End)? Domain { get; set; }

    /// <summary>Positions of the ticks, in data units.</summary>
    public double[]? TickVals { get; set; }

    /// <summary>Labels for <see cref="TickVals"/>, one per value.</summary>
    public string[]? TickText { get; set; }

    /// <summary>d3-format string for tick labels, e.g. ".2f" or "~g".</summary>
    public string? TickFormat { get; set; }

    /// <summary>Draw grid lines.</summary>
    public bool? ShowGrid { get; set; }

    /// <summary>Draw the line at zero.</summary>
    public bool? ZeroLine { get; set; }

    /// <summary>Draw the axis at all (false hides ticks, labels and line).</summary>
    public bool? Visible { get; set; }

    /// <summary>Reverse the automatic range (images and matrices read top-down).</summary>
    public bool? Reversed { get; set; }

    /// <summary>Keep one data unit on this axis as long as one on the given axis (square pixels).</summary>
    public AxisRef? ScaleAnchor { get; set; }

    /// <summary>Grow the figure margin so tick labels and title fit.</summary>
    public bool? AutoMargin { get; set; }

    /// <summary>The Plotly layout object for this axis.</summary>
    public JsonObject ToJsonObject()
    {
        var o = new JsonObject();
        if (Title is not null) o["title"] = PlotlyJson.Title(Title);
        if (Type is { } type) o["type"] = Lower(type);
        if (Range is { } range) o["range"] = RangeJson(range);
        if (Overlaying is { } over) o["overlaying"] = over.Id;
        if (Side is { } side) o["side"] = Lower(side);
        if (Anchor is { } anchor) o["anchor"] = anchor.Id;
        if (Matches is { } matches) o["matches"] = matches.Id;
        if (Domain is { } d) o["domain"] = Numbers([d.Start, d.End]);
        if (TickVals is not null) o["tickvals"] = Numbers(TickVals);
        if (TickText is not null) o["ticktext"] = Strings(TickText);
        SetIf(o, "tickformat", TickFormat);
        SetIf(o, "showgrid", ShowGrid);
        SetIf(o, "zeroline", ZeroLine);
        SetIf(o, "visible", Visible);
        if (Reversed is { } reversed) o["autorange"] = reversed ? "reversed" : true;
        if (ScaleAnchor is { } scale) o["scaleanchor"] = scale.Id;
        SetIf(o, "automargin", AutoMargin);
        return o;
    }

    private JsonArray RangeJson((double Min, double Max) range)
    {
        if (Type != AxisType.Log) return Numbers([range.Min, range.Max]);
        if (range.Min <= 0 || range.Max <= 0)
            throw new ArgumentException($"Log axis '{Ref}' needs a positive range, got [{range.Min}, {range.Max}].");
        return Numbers([Math.Log10(range.Min), Math.Log10(range.Max)]);
    }
}
