using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Charts;

namespace ResearchKit.Plots;

/// <summary>A Plotly figure (traces + layout) that notebooks display.</summary>
public sealed class Figure
{
    /// <summary>Mime type of the Plotly figure in a display bundle (read by Jupyter and VS Code front ends).</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    private double[][]? _cellX; // [col] -> (start, end) of each grid column; null for a single plot
    private double[][]? _cellY; // [row] -> (start, end) of each grid row, row 1 at the top

    /// <summary>Creates an empty figure with an optional title.</summary>
    public Figure(string? title = null) => Layout.Title = title;

    /// <summary>Traces in drawing order.</summary>
    public List<Trace> Traces { get; } = [];

    /// <summary>Title, size, axes, shapes and annotations.</summary>
    public Layout Layout { get; } = new();

    /// <summary>Interactive options written next to the figure in display bundles and HTML pages.</summary>
    public FigureConfig? Config { get; set; }

    /// <summary>Grid rows (1 unless made by <see cref="Subplots(int, int, string[])"/>).</summary>
    public int Rows { get; private set; } = 1;

    /// <summary>Grid columns (1 unless made by <see cref="Subplots(int, int, string[])"/>).</summary>
    public int Cols { get; private set; } = 1;

    /// <summary>A rows x cols grid of subplots with Plotly's default spacing (0.2/cols across, 0.3/rows down) and optional titles in reading order.</summary>
    public static Figure Subplots(int rows, int cols, params string[] titles) =>
        Subplots(rows, cols, 0.2 / cols, 0.3 / rows, titles);

    /// <summary>A rows x cols grid of subplots; spacings are fractions of the figure between cells; titles in reading order ("" for none).</summary>
    public static Figure Subplots(int rows, int cols, double horizontalSpacing, double verticalSpacing, params string[] titles)
    {
        if (rows < 1 || cols < 1) throw new ArgumentException($"Subplots need at least 1x1 cells, got {rows}x{cols}.");
        if (titles.Length > rows * cols) throw new ArgumentException($"Got {titles.Length} titles for {rows * cols} subplots.");
        if (horizontalSpacing < 0 || verticalSpacing < 0 || horizontalSpacing * (cols - 1) >= 1 || verticalSpacing * (rows - 1) >= 1)
            throw new ArgumentException($"Subplot spacing {horizontalSpacing}x{verticalSpacing} leaves no room for {rows}x{cols} cells.");
        var fig = new Figure { Rows = rows, Cols = cols };
        fig._cellX = Spans(cols, horizontalSpacing, topDown: false);
        fig._cellY = Spans(rows, verticalSpacing, topDown: true);
        for (int r = 1; r <= rows; r++)
            for (int c = 1; c <= cols; c++)
                fig.WireCell(r, c, titles.ElementAtOrDefault((r - 1) * cols + (c - 1)));
        return fig;
    }

    /// <summary>The axes of cell (row, col), both 1-based with row 1 at the top: cell k = (row-1)*cols + col uses "xk"/"yk".</summary>
    public (AxisRef X, AxisRef Y) CellAxes(int row, int col)
    {
        if (row < 1 || row > Rows || col < 1 || col > Cols)
            throw new ArgumentException($"Cell ({row}, {col}) is outside the {Rows}x{Cols} grid.");
        int k = (row - 1) * Cols + col;
        return (AxisRef.X(k), AxisRef.Y(k));
    }

    /// <summary>The x axis of cell (row, col).</summary>
    public Axis XAxis(int row, int col) => Layout.Axis(CellAxes(row, col).X);

    /// <summary>The y axis of cell (row, col).</summary>
    public Axis YAxis(int row, int col) => Layout.Axis(CellAxes(row, col).Y);

    /// <summary>Adds a trace on its own axes (by default "x"/"y") and returns this figure.</summary>
    public Figure Add(Trace trace)
    {
        Traces.Add(trace);
        return this;
    }

    /// <summary>Adds a trace to cell (row, col): cartesian traces get the cell's axes, tables its domain; returns this figure.</summary>
    public Figure Add(Trace trace, int row, int col)
    {
        var (x, y) = CellAxes(row, col);
        switch (trace)
        {
            case CartesianTrace cartesian:
                cartesian.XAxis = x;
                cartesian.YAxis = y;
                if (cartesian is Heatmap heatmap && _cellX is not null) PlaceColorbar(heatmap, row, col);
                break;
            case Table table:
                table.DomainX = _cellX is null ? (0, 1) : (_cellX[col - 1][0], _cellX[col - 1][1]);
                table.DomainY = _cellY is null ? (0, 1) : (_cellY[row - 1][0], _cellY[row - 1][1]);
                break;
        }
        return Add(trace);
    }

    /// <summary>
    /// The figure as Plotly JSON: { "data": [...], "layout": {...} }. An overlay axis that no trace uses (a top axis
    /// that only relabels the bottom one) gets an invisible empty trace, without which Plotly would not draw it.
    /// </summary>
    public JsonObject ToJsonObject()
    {
        var data = new JsonArray([.. Traces.Select(t => (JsonNode)t.ToJsonObject())]);
        var used = Traces.OfType<CartesianTrace>().SelectMany(t => new[] { t.XAxis, t.YAxis }).ToHashSet();
        foreach (var axis in Layout.Axes.Where(a => a.Overlaying is not null && !used.Contains(a.Ref)))
        {
            var partner = axis.Anchor ?? (axis.Ref.Letter == 'x' ? AxisRef.Y() : AxisRef.X());
            data.Add(new JsonObject
            {
                ["type"] = "scatter",
                ["x"] = new JsonArray(),
                ["y"] = new JsonArray(),
                [axis.Ref.Letter == 'x' ? "xaxis" : "yaxis"] = axis.Ref.Id,
                [axis.Ref.Letter == 'x' ? "yaxis" : "xaxis"] = partner.Id,
                ["visible"] = false,
            });
        }
        return new JsonObject { ["data"] = data, ["layout"] = Layout.ToJsonObject() };
    }

    /// <summary>The figure as Plotly JSON text (non-finite numbers as null).</summary>
    public string ToJson(bool indented = false) =>
        ToJsonObject().ToJsonString(new JsonSerializerOptions(PlotlyJson.Readable) { WriteIndented = indented });

    /// <summary>
    /// The notebook display bundle: the Plotly figure (an object, plus "config" if set), "image/png" (base64) when
    /// Chromium and plotly.js are installed (a failed render throws with its cause; a missing Chromium is reported once
    /// on stderr and the PNG left out), and a one-line "text/plain" description.
    /// </summary>
    public JsonObject ToDisplayData() => BuildDisplayData(PlotlyRenderer.SharedIfAvailable());

    /// <summary>A one-line description: <c>Figure: 2 traces, "title"</c>.</summary>
    public override string ToString() =>
        $"Figure: {Traces.Count} trace{(Traces.Count == 1 ? "" : "s")}" + (Layout.Title is { } t ? $", \"{t}\"" : "");

    /// <summary>The figure object with its config, as written into bundles and HTML pages.</summary>
    internal JsonObject ToJsonObjectWithConfig()
    {
        var o = ToJsonObject();
        if (Config is { IsEmpty: false }) o["config"] = Config.ToJsonObject();
        return o;
    }

    /// <summary>The display bundle, with a PNG only when <paramref name="renderer"/> is given.</summary>
    internal JsonObject BuildDisplayData(PlotlyRenderer? renderer)
    {
        var bundle = new JsonObject { [PlotlyMimeType] = ToJsonObjectWithConfig() };
        if (renderer is not null) bundle["image/png"] = Convert.ToBase64String(renderer.RenderPng(ToJsonObject(), Layout.Width ?? 700, Layout.Height ?? 450, 1, ToString()));
        bundle["text/plain"] = ToString();
        return bundle;
    }

    /// <summary>Puts a heatmap's colour bar just right of its cell, as tall as the cell (Plotly would stack them all at the right edge).</summary>
    private void PlaceColorbar(Heatmap heatmap, int row, int col)
    {
        double[] xs = _cellX![col - 1], ys = _cellY![row - 1];
        heatmap.ColorbarX ??= xs[1] + 0.01;
        heatmap.ColorbarY ??= (ys[0] + ys[1]) / 2;
        heatmap.ColorbarLength ??= ys[1] - ys[0];
    }

    private void WireCell(int row, int col, string? title)
    {
        var (x, y) = CellAxes(row, col);
        var xAxis = Layout.Axis(x);
        var yAxis = Layout.Axis(y);
        xAxis.Domain = (_cellX![col - 1][0], _cellX[col - 1][1]);
        yAxis.Domain = (_cellY![row - 1][0], _cellY[row - 1][1]);
        xAxis.Anchor = y;
        yAxis.Anchor = x;
        if (string.IsNullOrEmpty(title)) return;
        double centre = (_cellX[col - 1][0] + _cellX[col - 1][1]) / 2;
        Layout.Annotations.Add(new Annotation(title, centre, _cellY[row - 1][1], AxisRef.Paper, AxisRef.Paper)
        {
            XAnchor = TextAnchor.Center,
            YAnchor = TextAnchor.Bottom,
        });
    }

    /// <summary>Start/end fractions of n equal cells separated by spacing; topDown puts cell 0 at the top (high values).</summary>
    private static double[][] Spans(int n, double spacing, bool topDown)
    {
        double size = (1 - spacing * (n - 1)) / n;
        var spans = new double[n][];
        for (int i = 0; i < n; i++)
        {
            int slot = topDown ? n - 1 - i : i;
            double start = slot * (size + spacing);
            spans[i] = [start, Math.Min(1, start + size)];
        }
        return spans;
    }
}
