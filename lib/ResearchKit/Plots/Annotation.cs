using System.Text.Json.Nodes;
using static ResearchKit.Plots.PlotlyJson;

namespace ResearchKit.Plots;

/// <summary>A text label placed in the layout (threshold names, subplot titles).</summary>
public sealed class Annotation
{
    /// <summary>Creates a label with <paramref name="text"/> at (x, y) in the given coordinate systems (default: data of "x" and "y").</summary>
    public Annotation(string text, double x, double y, AxisRef? xRef = null, AxisRef? yRef = null)
    {
        Text = text;
        X = x;
        Y = y;
        XRef = xRef ?? AxisRef.X();
        YRef = yRef ?? AxisRef.Y();
    }

    /// <summary>Label text (Plotly accepts a few HTML tags such as &lt;b&gt; and &lt;br&gt;).</summary>
    public string Text { get; }

    /// <summary>X position.</summary>
    public double X { get; }

    /// <summary>Y position.</summary>
    public double Y { get; }

    /// <summary>Coordinate system of <see cref="X"/>.</summary>
    public AxisRef XRef { get; }

    /// <summary>Coordinate system of <see cref="Y"/>.</summary>
    public AxisRef YRef { get; }

    /// <summary>Draw an arrow from the text to (x, y) (default false: the text sits at the point).</summary>
    public bool ShowArrow { get; set; }

    /// <summary>Horizontal anchor: Left, Center, Right or Auto.</summary>
    public TextAnchor? XAnchor { get; set; }

    /// <summary>Vertical anchor: Top, Middle, Bottom or Auto.</summary>
    public TextAnchor? YAnchor { get; set; }

    /// <summary>Font size in points.</summary>
    public double? FontSize { get; set; }

    /// <summary>Text colour as a CSS colour.</summary>
    public string? Color { get; set; }

    /// <summary>
    /// The Plotly layout annotation object; positions on a log axis of <paramref name="layout"/> are written as
    /// log10 (Plotly places annotations on log axes in exponent units, unlike shapes and traces).
    /// </summary>
    public JsonObject ToJsonObject(Layout layout)
    {
        var o = new JsonObject
        {
            ["text"] = Text,
            ["x"] = Position(X, XRef, layout),
            ["y"] = Position(Y, YRef, layout),
            ["xref"] = XRef.Id,
            ["yref"] = YRef.Id,
            ["showarrow"] = ShowArrow,
        };
        if (XAnchor is { } xa) o["xanchor"] = Anchor(xa, TextAnchor.Top, TextAnchor.Middle, TextAnchor.Bottom);
        if (YAnchor is { } ya) o["yanchor"] = Anchor(ya, TextAnchor.Left, TextAnchor.Center, TextAnchor.Right);
        var font = new JsonObject();
        if (FontSize is { } size) font["size"] = Number(size);
        SetIf(font, "color", Color);
        if (font.Count > 0) o["font"] = font;
        return o;
    }

    private JsonNode? Position(double value, AxisRef reference, Layout layout)
    {
        bool onLogAxis = !reference.IsPaper && !reference.IsDomain && layout.Axes.Any(a => a.Ref == reference && a.Type == AxisType.Log);
        if (!onLogAxis) return Number(value);
        if (!(value > 0)) throw new ArgumentException($"Annotation '{Text}' sits at {value} on log axis '{reference}'; it needs a positive position.");
        return Number(Math.Log10(value));
    }

    private static string Anchor(TextAnchor anchor, params TextAnchor[] wrongAxis) => wrongAxis.Contains(anchor)
        ? throw new ArgumentException($"Annotation anchor {anchor} does not apply to this direction.")
        : Lower(anchor);
}
