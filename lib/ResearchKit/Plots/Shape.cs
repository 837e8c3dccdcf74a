using System.Text.Json.Nodes;
using static ResearchKit.Plots.PlotlyJson;

namespace ResearchKit.Plots;

/// <summary>A straight line drawn in the layout, e.g. a threshold marker across a subplot.</summary>
public sealed class Shape
{
    private Shape(AxisRef xRef, AxisRef yRef, double x0, double y0, double x1, double y1)
    {
        XRef = xRef;
        YRef = yRef;
        X0 = x0;
        Y0 = y0;
        X1 = x1;
        Y1 = y1;
    }

    /// <summary>A vertical line at data value <paramref name="x"/> of <paramref name="xAxis"/> spanning the full height of <paramref name="yAxis"/>' subplot.</summary>
    public static Shape VerticalLine(double x, AxisRef? xAxis = null, AxisRef? yAxis = null, LineDash? dash = null, string? color = null) =>
        new(xAxis ?? AxisRef.X(), (yAxis ?? AxisRef.Y()).Domain, x, 0, x, 1) { Dash = dash, Color = color };

    /// <summary>A horizontal line at data value <paramref name="y"/> of <paramref name="yAxis"/> spanning the full width of <paramref name="xAxis"/>' subplot.</summary>
    public static Shape HorizontalLine(double y, AxisRef? yAxis = null, AxisRef? xAxis = null, LineDash? dash = null, string? color = null) =>
        new((xAxis ?? AxisRef.X()).Domain, yAxis ?? AxisRef.Y(), 0, y, 1, y) { Dash = dash, Color = color };

    /// <summary>A line segment from (x0, y0) to (x1, y1) in the given coordinate systems.</summary>
    public static Shape Line(double x0, double y0, double x1, double y1, AxisRef xRef, AxisRef yRef) =>
        new(xRef, yRef, x0, y0, x1, y1);

    /// <summary>Coordinate system of the x values.</summary>
    public AxisRef XRef { get; }

    /// <summary>Coordinate system of the y values.</summary>
    public AxisRef YRef { get; }

    /// <summary>Start x.</summary>
    public double X0 { get; }

    /// <summary>Start y.</summary>
    public double Y0 { get; }

    /// <summary>End x.</summary>
    public double X1 { get; }

    /// <summary>End y.</summary>
    public double Y1 { get; }

    /// <summary>Line colour as a CSS colour (default Plotly's dark grey).</summary>
    public string? Color { get; set; }

    /// <summary>Dash style.</summary>
    public LineDash? Dash { get; set; }

    /// <summary>Line width in pixels.</summary>
    public double? Width { get; set; }

    /// <summary>The Plotly layout shape object.</summary>
    public JsonObject ToJsonObject()
    {
        var line = new JsonObject();
        SetIf(line, "color", Color);
        if (Dash is { } dash) line["dash"] = Lower(dash);
        if (Width is { } width) line["width"] = Number(width);
        return new JsonObject
        {
            ["type"] = "line",
            ["xref"] = XRef.Id,
            ["yref"] = YRef.Id,
            ["x0"] = Number(X0),
            ["y0"] = Number(Y0),
            ["x1"] = Number(X1),
            ["y1"] = Number(Y1),
            ["line"] = line,
        };
    }
}
