using System.Text.Json.Nodes;
using static ResearchKit.Plots.PlotlyJson;

namespace ResearchKit.Plots;

/// <summary>A colour-coded matrix: z[row, col] is drawn at (X[col], Y[row]); row 0 is at the bottom unless the y axis is reversed.</summary>
public sealed class Heatmap : CartesianTrace
{
    /// <summary>Creates a heatmap of <paramref name="z"/> [rows, cols] (kept, not copied); non-finite cells are left blank.</summary>
    public Heatmap(double[,] z)
    {
        if (z.GetLength(0) == 0 || z.GetLength(1) == 0)
            throw new ArgumentException($"Heatmap needs a non-empty matrix, got {z.GetLength(0)}x{z.GetLength(1)}.");
        Z = z;
    }

    /// <summary>Values [rows, cols].</summary>
    public double[,] Z { get; }

    /// <inheritdoc />
    public override string Type => "heatmap";

    /// <summary>Column coordinates, one per column (default 0..cols-1).</summary>
    public double[]? X { get; set; }

    /// <summary>Row coordinates, one per row (default 0..rows-1).</summary>
    public double[]? Y { get; set; }

    /// <summary>Colour scale (default Viridis).</summary>
    public Colorscale Colorscale { get; set; } = Colorscale.Viridis;

    /// <summary>Value mapped to the low end of the colour scale; null uses the data minimum.</summary>
    public double? ZMin { get; set; }

    /// <summary>Value mapped to the high end of the colour scale; null uses the data maximum.</summary>
    public double? ZMax { get; set; }

    /// <summary>Title of the colour bar (e.g. "log10 power").</summary>
    public string? ColorbarTitle { get; set; }

    /// <summary>Horizontal position of the colour bar's left edge as a fraction of the plot area (Plotly's default 1.02: right of everything).</summary>
    public double? ColorbarX { get; set; }

    /// <summary>Vertical centre of the colour bar as a fraction of the plot area.</summary>
    public double? ColorbarY { get; set; }

    /// <summary>Length of the colour bar as a fraction of the plot area's height.</summary>
    public double? ColorbarLength { get; set; }

    /// <summary>Whether to draw the colour bar (default true).</summary>
    public bool ShowScale { get; set; } = true;

    /// <inheritdoc />
    protected override void WriteCartesian(JsonObject trace)
    {
        CheckLength("Heatmap X", Z.GetLength(1), X?.Length);
        CheckLength("Heatmap Y", Z.GetLength(0), Y?.Length);
        trace["z"] = Matrix(Z);
        if (X is not null) trace["x"] = Numbers(X);
        if (Y is not null) trace["y"] = Numbers(Y);
        trace["colorscale"] = Colorscale.ToString();
        if (ZMin is { } zmin) trace["zmin"] = Number(zmin);
        if (ZMax is { } zmax) trace["zmax"] = Number(zmax);
        trace["showscale"] = ShowScale;
        var colorbar = new JsonObject();
        if (ColorbarTitle is not null) colorbar["title"] = Title(ColorbarTitle);
        if (ColorbarX is { } x) colorbar["x"] = Number(x);
        if (ColorbarY is { } y) colorbar["y"] = Number(y);
        if (ColorbarLength is { } length) colorbar["len"] = Number(length);
        if (colorbar.Count > 0) trace["colorbar"] = colorbar;
    }
}
