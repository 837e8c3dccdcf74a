using System.Text.Json.Nodes;
using static ResearchKit.Plots.PlotlyJson;

namespace ResearchKit.Plots;

/// <summary>A line and/or marker trace over numeric x values; non-finite y values become gaps.</summary>
public sealed class Scatter : CartesianTrace
{
    /// <summary>Creates a trace through the points (x[i], y[i]); both arrays are kept, not copied.</summary>
    public Scatter(double[] x, double[] y)
    {
        if (x.Length != y.Length) throw new ArgumentException($"Scatter needs as many x as y values, got {x.Length} and {y.Length}.");
        X = x;
        Y = y;
    }

    /// <summary>X values.</summary>
    public double[] X { get; }

    /// <summary>Y values.</summary>
    public double[] Y { get; }

    /// <inheritdoc />
    public override string Type => "scatter";

    /// <summary>Lines, markers or both (default lines).</summary>
    public ScatterMode Mode { get; set; } = ScatterMode.Lines;

    /// <summary>Symmetric error bar half-lengths, one per point (e.g. the standard deviation over seeds).</summary>
    public double[]? ErrorY { get; set; }

    /// <summary>Line dash style.</summary>
    public LineDash? Dash { get; set; }

    /// <summary>Line and marker colour as a CSS colour ("#1f77b4", "rgb(0,0,0)", "gray").</summary>
    public string? Color { get; set; }

    /// <summary>Line width in pixels.</summary>
    public double? LineWidth { get; set; }

    /// <summary>Marker diameter in pixels.</summary>
    public double? MarkerSize { get; set; }

    /// <summary>When true, the area between this trace and the previous one is filled (plotly's fill "tonexty"), in
    /// <see cref="FillColor"/>: draw the lower edge first, then the upper edge with this set, for a shaded band.</summary>
    public bool FillToPrevious { get; set; }

    /// <summary>The fill colour, e.g. "rgba(31,119,180,0.2)"; plotly picks a translucent line colour when null.</summary>
    public string? FillColor { get; set; }

    /// <inheritdoc />
    protected override void WriteCartesian(JsonObject trace)
    {
        CheckLength("ErrorY", X.Length, ErrorY?.Length);
        trace["x"] = Numbers(X);
        trace["y"] = Numbers(Y);
        trace["mode"] = ModeText(Mode);
        var line = new JsonObject();
        if (Dash is { } dash) line["dash"] = Lower(dash);
        SetIf(line, "color", Color);
        if (LineWidth is { } width) line["width"] = Number(width);
        if (line.Count > 0) trace["line"] = line;
        var marker = new JsonObject();
        SetIf(marker, "color", Color);
        if (MarkerSize is { } size) marker["size"] = Number(size);
        if (marker.Count > 0) trace["marker"] = marker;
        if (FillToPrevious) trace["fill"] = "tonexty";
        SetIf(trace, "fillcolor", FillColor);
        if (ErrorY is not null)
            trace["error_y"] = new JsonObject { ["type"] = "data", ["array"] = Numbers(ErrorY), ["visible"] = true };
    }

    private static string ModeText(ScatterMode mode) => mode switch
    {
        ScatterMode.Lines => "lines",
        ScatterMode.Markers => "markers",
        ScatterMode.Lines | ScatterMode.Markers => "lines+markers",
        _ => throw new ArgumentException($"Unknown scatter mode {(int)mode}."),
    };
}
