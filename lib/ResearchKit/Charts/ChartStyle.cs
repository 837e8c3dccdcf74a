using Plotly.NET;
using Plotly.NET.LayoutObjects;

namespace ResearchKit.Charts;

/// <summary>
/// The kit's one house style for charts: size, font, white background, colour cycle, legend placement, and the line
/// conventions every notebook shares (soft labels solid, hard labels dashed, reference lines dotted in one colour).
/// Figure code builds its traces with Plotly.NET and calls <see cref="Apply"/> last.
/// </summary>
public static class ChartStyle
{
    /// <summary>Default figure width in pixels (PNG and HTML).</summary>
    public const int Width = 700;

    /// <summary>Default figure height in pixels.</summary>
    public const int Height = 450;

    /// <summary>Font family of every text in a figure.</summary>
    public const string FontFamily = "Arial, Helvetica, sans-serif";

    /// <summary>Base font size (titles and ticks scale from it in plotly.js).</summary>
    public const double FontSize = 12;

    /// <summary>Colour of reference lines and their labels (cut-offs, paper values, tolerance bands).</summary>
    public const string ReferenceColour = "firebrick";

    /// <summary>Colour of neutral guide lines (±5 % bands, zero lines).</summary>
    public const string GuideColour = "gray";

    /// <summary>The colour cycle (plotly's default ten, so users recognise them).</summary>
    public static readonly IReadOnlyList<string> Palette =
        ["#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f", "#bcbd22", "#17becf"];

    /// <summary>The k-th colour of <see cref="Palette"/>, cycling.</summary>
    public static string Colour(int k) => Palette[((k % Palette.Count) + Palette.Count) % Palette.Count];

    /// <summary>Dash of a line drawn from soft labels (solid).</summary>
    public static StyleParam.DrawingStyle Soft => StyleParam.DrawingStyle.Solid;

    /// <summary>Dash of a line drawn from hard labels (dashed).</summary>
    public static StyleParam.DrawingStyle Hard => StyleParam.DrawingStyle.Dash;

    /// <summary>The dash for soft (true) or hard (false) labels.</summary>
    public static StyleParam.DrawingStyle LabelDash(bool soft) => soft ? Soft : Hard;

    /// <summary>plotly.js name of a dash ("solid", "dash", "dot", ...), for raw shape and line properties.</summary>
    public static string DashName(StyleParam.DrawingStyle dash) => (string)dash.Convert();

    /// <summary>
    /// Applies the house style to <paramref name="chart"/> (in place, and returns it): size, font, white background,
    /// no Plotly.NET template, the colour cycle, margins, an optional title, and the legend below the plot when
    /// <paramref name="legendBelow"/> (for figures with many traces or panels).
    /// </summary>
    public static GenericChart Apply(GenericChart chart, string? title = null, int width = Width, int height = Height,
        bool legendBelow = false, int marginTop = 60)
    {
        var layout = GenericChart.getLayout(chart);
        layout.RemoveProperty("template");
        layout.SetProperty("width", width);
        layout.SetProperty("height", height);
        layout.SetProperty("font", Raw.Object(("family", FontFamily), ("size", FontSize), ("color", "black")));
        layout.SetProperty("paper_bgcolor", "white");
        layout.SetProperty("plot_bgcolor", "white");
        layout.SetProperty("colorway", Palette.ToArray());
        layout.SetProperty("margin", Raw.Object(("l", 70), ("r", 30), ("t", marginTop), ("b", legendBelow ? 40 : 60)));
        // Pinned to the top edge, so a top axis (a second x axis) never runs into it.
        if (title is not null)
            layout.SetProperty("title", Raw.Object(("text", title), ("x", 0.02), ("xanchor", "left"), ("yref", "container"), ("y", 1),
                ("yanchor", "top"), ("pad", Raw.Object(("t", 12)))));
        // Merged into a legend the figure placed itself; "normal": plotly.js would reverse the legend of a figure with a
        // filled band (fill "tonexty").
        var legend = layout.TryGetPropertyValue("legend") is { } existing && existing.Value is DynamicObj.DynamicObj placed
            ? placed
            : new DynamicObj.DynamicObj();
        legend.SetProperty("traceorder", "normal");
        if (legendBelow)
            Raw.Set(legend, ("orientation", "h"), ("x", 0.0), ("xanchor", "left"), ("y", -0.15), ("yanchor", "top"));
        layout.SetProperty("legend", legend);
        return chart;
    }
}
