using System.Text.Json.Nodes;
using static ResearchKit.Plots.PlotlyJson;

namespace ResearchKit.Plots;

/// <summary>A figure's layout: title, size, axes, shapes and annotations; unset properties keep Plotly's defaults.</summary>
public sealed class Layout
{
    private readonly SortedDictionary<string, Axis> _axes = new(StringComparer.Ordinal);

    /// <summary>Figure title.</summary>
    public string? Title { get; set; }

    /// <summary>Width in pixels (also the PNG width); null lets the renderer choose.</summary>
    public int? Width { get; set; }

    /// <summary>Height in pixels (also the PNG height); null lets the renderer choose.</summary>
    public int? Height { get; set; }

    /// <summary>Whether to show the legend.</summary>
    public bool? ShowLegend { get; set; }

    /// <summary>Where the legend goes; null keeps Plotly's default (outside, right).</summary>
    public LegendPosition? Legend { get; set; }

    /// <summary>Base font size in points.</summary>
    public double? FontSize { get; set; }

    /// <summary>Space around the plotting area.</summary>
    public Margin? Margin { get; set; }

    /// <summary>How bar traces sharing categories are arranged.</summary>
    public BarMode? BarMode { get; set; }

    /// <summary>Lines drawn over the plot.</summary>
    public List<Shape> Shapes { get; } = [];

    /// <summary>Text labels drawn over the plot.</summary>
    public List<Annotation> Annotations { get; } = [];

    /// <summary>The first x axis ("xaxis"), created on first use.</summary>
    public Axis XAxis => Axis(AxisRef.X());

    /// <summary>The first y axis ("yaxis"), created on first use.</summary>
    public Axis YAxis => Axis(AxisRef.Y());

    /// <summary>The axes configured so far, by layout key.</summary>
    public IEnumerable<Axis> Axes => _axes.Values;

    /// <summary>The axis <paramref name="reference"/> (e.g. AxisRef.X(2) for "xaxis2"), created on first use.</summary>
    public Axis Axis(AxisRef reference)
    {
        string key = reference.LayoutKey;
        if (!_axes.TryGetValue(key, out var axis)) _axes[key] = axis = new Axis(reference);
        return axis;
    }

    /// <summary>
    /// Adds a new axis drawn over <paramref name="over"/> on <paramref name="side"/> (e.g. a top x axis) with the next
    /// free index, anchored like <paramref name="over"/>; traces may use it or it may only relabel <paramref name="over"/>.
    /// </summary>
    public Axis AddOverlayAxis(AxisRef over, AxisSide side)
    {
        int index = 2;
        while (_axes.ContainsKey(AxisRefOf(over.Letter, index).LayoutKey)) index++;
        var axis = Axis(AxisRefOf(over.Letter, index));
        axis.Overlaying = over;
        axis.Side = side;
        axis.AutoMargin = true; // room for the extra ticks and title, which the default margins do not leave
        // Plotly only draws an axis without traces when it is anchored, forming a subplot with the partner axis.
        axis.Anchor = _axes.TryGetValue(over.LayoutKey, out var baseAxis) && baseAxis.Anchor is { } anchor
            ? anchor
            : AxisRefOf(over.Letter == 'x' ? 'y' : 'x', over.Index);
        return axis;
    }

    /// <summary>The Plotly layout object.</summary>
    public JsonObject ToJsonObject()
    {
        var o = new JsonObject();
        if (Title is not null) o["title"] = TitleJson();
        SetIf(o, "width", Width);
        SetIf(o, "height", Height);
        SetIf(o, "showlegend", ShowLegend);
        if (Legend is { } legend) o["legend"] = LegendJson(legend);
        if (FontSize is { } size) o["font"] = new JsonObject { ["size"] = Number(size) };
        if (Margin is { } m) o["margin"] = new JsonObject { ["l"] = m.Left, ["r"] = m.Right, ["t"] = m.Top, ["b"] = m.Bottom };
        if (BarMode is { } mode) o["barmode"] = Lower(mode);
        foreach (var (key, axis) in _axes) o[key] = axis.ToJsonObject();
        if (Shapes.Count > 0) o["shapes"] = new JsonArray([.. Shapes.Select(s => (JsonNode)s.ToJsonObject())]);
        if (Annotations.Count > 0) o["annotations"] = new JsonArray([.. Annotations.Select(a => (JsonNode)a.ToJsonObject(this))]);
        return o;
    }

    private JsonObject TitleJson()
    {
        var title = PlotlyJson.Title(Title!);
        if (!_axes.Values.Any(a => a.Side == AxisSide.Top)) return title;
        // Plotly centres the title in the top margin, right where a top axis puts its title: pin it to the top edge.
        title["yref"] = "container";
        title["y"] = 1;
        title["yanchor"] = "top";
        title["pad"] = new JsonObject { ["t"] = 12 };
        return title;
    }

    private static AxisRef AxisRefOf(char letter, int index) => letter == 'x' ? AxisRef.X(index) : AxisRef.Y(index);

    private static JsonObject LegendJson(LegendPosition position) => position switch
    {
        LegendPosition.Below => new() { ["orientation"] = "h", ["x"] = 0, ["y"] = -0.2, ["yanchor"] = "top" },
        LegendPosition.InsideBottomRight => new() { ["x"] = 0.99, ["y"] = 0.01, ["xanchor"] = "right", ["yanchor"] = "bottom" },
        LegendPosition.InsideTopRight => new() { ["x"] = 0.99, ["y"] = 0.99, ["xanchor"] = "right", ["yanchor"] = "top" },
        _ => new() { ["x"] = 1.02, ["y"] = 1, ["xanchor"] = "left", ["yanchor"] = "top" },
    };
}
