using System.Text.Json.Nodes;
using static ResearchKit.Plots.PlotlyJson;

namespace ResearchKit.Plots;

/// <summary>A table drawn by Plotly (for tables inside figures; <see cref="HtmlTable"/> is lighter for notebook output).</summary>
public sealed class Table : Trace
{
    /// <summary>Creates a table from a header and rows of already formatted cells; every row needs one cell per column.</summary>
    public Table(IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        if (header.Count == 0) throw new ArgumentException("Table needs at least one column.");
        for (int r = 0; r < rows.Count; r++)
            if (rows[r].Count != header.Count)
                throw new ArgumentException($"Table row {r} has {rows[r].Count} cells for {header.Count} columns.");
        Header = header;
        Rows = rows;
    }

    /// <summary>Column titles.</summary>
    public IReadOnlyList<string> Header { get; }

    /// <summary>Rows of cells.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <inheritdoc />
    public override string Type => "table";

    /// <summary>Horizontal extent as fractions of the figure (set by <see cref="Figure.Add(Trace, int, int)"/> in subplots).</summary>
    public (double Start, double End)? DomainX { get; set; }

    /// <summary>Vertical extent as fractions of the figure.</summary>
    public (double Start, double End)? DomainY { get; set; }

    /// <inheritdoc />
    protected override void WriteProperties(JsonObject trace)
    {
        trace["header"] = new JsonObject { ["values"] = Strings(Header) };
        var columns = new JsonArray();
        for (int c = 0; c < Header.Count; c++) columns.Add(Strings(Rows.Select(row => row[c])));
        trace["cells"] = new JsonObject { ["values"] = columns }; // Plotly wants cells column by column
        var domain = new JsonObject();
        if (DomainX is { } x) domain["x"] = Numbers([x.Start, x.End]);
        if (DomainY is { } y) domain["y"] = Numbers([y.Start, y.End]);
        if (domain.Count > 0) trace["domain"] = domain;
    }
}
