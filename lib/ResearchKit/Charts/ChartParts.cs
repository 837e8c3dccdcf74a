using Microsoft.FSharp.Core;
using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CSChart = Plotly.NET.CSharp.Chart;
using FChart = Plotly.NET.Chart;

namespace ResearchKit.Charts;

/// <summary>
/// The pieces of a figure that Plotly.NET's C# binding has no short call for, in plotly.js terms: axis ids of grid
/// cells, reference lines, text labels, axis settings. Everything mutates or returns the chart it is given.
/// </summary>
public static class ChartParts
{
    /// <summary>The x axis id ("x", "x2", ...) of cell (row, col) in a grid of <paramref name="cols"/> columns made by
    /// <c>Chart.Grid</c> (cells numbered in reading order from 1).</summary>
    public static string XRef(int row = 1, int col = 1, int cols = 1) => AxisId('x', row, col, cols);

    /// <summary>The y axis id ("y", "y2", ...) of cell (row, col).</summary>
    public static string YRef(int row = 1, int col = 1, int cols = 1) => AxisId('y', row, col, cols);

    /// <summary>A vertical line at data x across the whole height of the axes <paramref name="yRef"/>.</summary>
    public static Shape VerticalLine(double x, string xRef = "x", string yRef = "y", string? colour = null,
        StyleParam.DrawingStyle? dash = null, double width = 1.5) =>
        Line(x, x, 0, 1, xRef, yRef + " domain", colour, dash, width);

    /// <summary>A horizontal line at data y across the whole width of the axes <paramref name="xRef"/>.</summary>
    public static Shape HorizontalLine(double y, string xRef = "x", string yRef = "y", string? colour = null,
        StyleParam.DrawingStyle? dash = null, double width = 1.5) =>
        Line(0, 1, y, y, xRef + " domain", yRef, colour, dash, width);

    /// <summary>A straight line between two points in the given coordinate systems ("x", "x2 domain", "paper", ...).</summary>
    public static Shape Line(double x0, double x1, double y0, double y1, string xRef, string yRef, string? colour = null,
        StyleParam.DrawingStyle? dash = null, double width = 1.5) =>
        Raw.Set(new Shape(), ("type", "line"), ("x0", x0), ("x1", x1), ("y0", y0), ("y1", y1), ("xref", xRef), ("yref", yRef),
            ("line", Raw.Object(("color", colour ?? ChartStyle.ReferenceColour), ("width", width),
                ("dash", ChartStyle.DashName(dash ?? StyleParam.DrawingStyle.Dot)))));

    /// <summary>A shaded rectangle (a band) between x0..x1 and y0..y1 in the given coordinate systems.</summary>
    public static Shape Band(double x0, double x1, double y0, double y1, string xRef, string yRef, string fill, double opacity = 0.15) =>
        Raw.Set(new Shape(), ("type", "rect"), ("x0", x0), ("x1", x1), ("y0", y0), ("y1", y1), ("xref", xRef), ("yref", yRef),
            ("fillcolor", fill), ("opacity", opacity), ("layer", "below"), ("line", Raw.Object(("width", 0))));

    /// <summary>
    /// A text label at (x, y). On a log axis plotly.js places annotations at log10 of the value: pass
    /// <paramref name="xLog"/> / <paramref name="yLog"/> and give the data value, the conversion is done here.
    /// </summary>
    public static Annotation Text(string text, double x, double y, string xRef = "x", string yRef = "y",
        string? colour = null, double? fontSize = null, string xAnchor = "center", string yAnchor = "middle",
        bool xLog = false, bool yLog = false) =>
        Raw.Set(new Annotation(), ("text", text), ("x", xLog ? Math.Log10(x) : x), ("y", yLog ? Math.Log10(y) : y),
            ("xref", xRef), ("yref", yRef), ("showarrow", false), ("xanchor", xAnchor), ("yanchor", yAnchor),
            ("font", Raw.Object(("color", colour), ("size", fontSize))));

    /// <summary>Adds shapes to the chart's layout (after any it has).</summary>
    public static GenericChart WithShapes(this GenericChart chart, IEnumerable<Shape> shapes) =>
        FChart.withShapes(shapes, FSharpOption<bool>.Some(true)).Invoke(chart);

    /// <summary>Adds annotations to the chart's layout (after any it has, such as grid titles).</summary>
    public static GenericChart WithAnnotations(this GenericChart chart, IEnumerable<Annotation> annotations) =>
        FChart.withAnnotations(annotations, FSharpOption<bool>.Some(true)).Invoke(chart);

    /// <summary>
    /// Sets plotly.js properties of the axis <paramref name="id"/> ("x", "y2", ...), creating it if absent:
    /// <c>chart.Axis("x", title: "K", log: true)</c>. Returns the chart.
    /// </summary>
    public static GenericChart Axis(this GenericChart chart, string id, string? title = null, bool log = false,
        (double Min, double Max)? range = null, params (string Key, object? Value)[] more)
    {
        var layout = GenericChart.getLayout(chart);
        string key = id[0] + "axis" + id[1..];
        var axis = layout.TryGetPropertyValue(key) is { } existing && existing.Value is DynamicObj.DynamicObj found
            ? found
            : new LinearAxis();
        if (title is not null) axis.SetProperty("title", Raw.Object(("text", title)));
        if (log) axis.SetProperty("type", "log");
        // plotly.js takes a log axis's range in log10 units; callers give data values.
        if (range is { } r) axis.SetProperty("range", log || IsLog(axis) ? new[] { Math.Log10(r.Min), Math.Log10(r.Max) } : new[] { r.Min, r.Max });
        Raw.Set(axis, more);
        layout.SetProperty(key, axis);
        return chart;
    }

    /// <summary>Sets plotly.js properties of the chart's layout (in place) and returns the chart.</summary>
    public static GenericChart Layout(this GenericChart chart, params (string Key, object? Value)[] properties)
    {
        Raw.Set(GenericChart.getLayout(chart), properties);
        return chart;
    }

    /// <summary>Sets plotly.js properties on every trace of the chart (in place) and returns the chart.</summary>
    public static GenericChart Traces(this GenericChart chart, params (string Key, object? Value)[] properties)
    {
        foreach (var trace in GenericChart.getTraces(chart)) Raw.Set(trace, properties);
        return chart;
    }

    /// <summary>A picture panel: PNG bytes drawn as an image trace (plotly.js keeps its aspect and reverses y).</summary>
    public static GenericChart Picture(byte[] png, string? name = null) =>
        name is null
            ? CSChart.Image<string>(Source: "data:image/png;base64," + Convert.ToBase64String(png), UseDefaults: false)
            : CSChart.Image<string>(Source: "data:image/png;base64," + Convert.ToBase64String(png), Name: name, UseDefaults: false);

    /// <summary>Hides both axes of every cell of a rows × cols grid (for grids of pictures).</summary>
    public static GenericChart HideAxes(this GenericChart chart, int rows, int cols)
    {
        for (var row = 1; row <= rows; row++)
            for (var col = 1; col <= cols; col++)
                chart = chart.Axis(XRef(row, col, cols), more: ("visible", false)).Axis(YRef(row, col, cols), more: ("visible", false));
        return chart;
    }

    /// <summary>Symmetric vertical error bars of the given half-widths on every trace of the chart (one per point).</summary>
    public static GenericChart WithErrorBars(this GenericChart chart, IEnumerable<double> halfWidths) =>
        chart.Traces(("error_y", ErrorBars(halfWidths)));

    /// <summary>The plotly.js error_y object for symmetric half-widths.</summary>
    public static DynamicObj.DynamicObj ErrorBars(IEnumerable<double> halfWidths) =>
        Raw.Object(("type", "data"), ("array", halfWidths.ToArray()), ("visible", true));

    /// <summary>A legend inside the plot area in one corner (<paramref name="x"/> "left"/"right", <paramref name="y"/>
    /// "top"/"bottom") on a translucent white box: for figures whose curves leave that corner empty.</summary>
    public static DynamicObj.DynamicObj InsideLegend(string x, string y) => Raw.Object(("x", x == "left" ? 0.01 : 0.99), ("xanchor", x),
        ("y", y == "bottom" ? 0.01 : 0.99), ("yanchor", y), ("bgcolor", "rgba(255,255,255,0.8)"));

    private static bool IsLog(DynamicObj.DynamicObj axis) =>
        axis.TryGetPropertyValue("type") is { } t && t.Value is string s && s == "log";

    private static string AxisId(char letter, int row, int col, int cols)
    {
        if (row < 1 || col < 1 || cols < 1 || col > cols) throw new ArgumentException($"Cell ({row}, {col}) is outside a grid of {cols} columns.");
        int k = (row - 1) * cols + col;
        return k == 1 ? letter.ToString() : $"{letter}{k}";
    }
}
