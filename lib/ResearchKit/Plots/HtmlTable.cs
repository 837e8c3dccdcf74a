using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ResearchKit.Plots;

/// <summary>A small table of rows and columns that notebooks show as HTML (and as aligned plain text elsewhere).</summary>
public sealed class HtmlTable
{
    /// <summary>
    /// Creates a table; each row needs one cell per column. Cells are formatted once, invariantly: null as "",
    /// floating-point numbers with <paramref name="numberFormat"/> (default "G4"), others with their ToString.
    /// </summary>
    public HtmlTable(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows, string? caption = null, string numberFormat = "G4")
    {
        if (columns.Count == 0) throw new ArgumentException("A table needs at least one column.");
        var formatted = new List<string[]>();
        foreach (var row in rows)
        {
            if (row.Count != columns.Count)
                throw new ArgumentException($"Table row {formatted.Count} has {row.Count} cells for {columns.Count} columns.");
            formatted.Add([.. row.Select(cell => Format(cell, numberFormat))]);
        }
        Columns = [.. columns];
        Rows = formatted;
        Caption = caption;
    }

    /// <summary>Column titles.</summary>
    public IReadOnlyList<string> Columns { get; }

    /// <summary>Formatted cells, row by row.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Rows { get; }

    /// <summary>Optional caption shown above the table.</summary>
    public string? Caption { get; }

    /// <summary>The same cells as a Plotly <see cref="Table"/> trace, for tables inside figures.</summary>
    public Table ToTableTrace() => new(Columns, Rows);

    /// <summary>The table as an HTML fragment, every cell escaped.</summary>
    public string ToHtml()
    {
        var html = new StringBuilder("<table>");
        if (Caption is not null) html.Append("<caption>").Append(WebUtility.HtmlEncode(Caption)).Append("</caption>");
        html.Append("<thead><tr>");
        foreach (string c in Columns) html.Append("<th>").Append(WebUtility.HtmlEncode(c)).Append("</th>");
        html.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            html.Append("<tr>");
            foreach (string cell in row) html.Append("<td>").Append(WebUtility.HtmlEncode(cell)).Append("</td>");
            html.Append("</tr>");
        }
        return html.Append("</tbody></table>").ToString();
    }

    /// <summary>The table as plain text: caption, then space-padded columns under a dashed rule, no markup.</summary>
    public string ToPlainText()
    {
        int[] widths = [.. Columns.Select((c, i) => Rows.Select(r => r[i].Length).Append(c.Length).Max())];
        var text = new StringBuilder();
        if (Caption is not null) text.Append(Caption).Append('\n');
        AppendLine(text, Columns, widths);
        text.Append(string.Join("  ", widths.Select(w => new string('-', w)))).Append('\n');
        foreach (var row in Rows) AppendLine(text, row, widths);
        return text.ToString().TrimEnd('\n');
    }

    /// <summary>The notebook display bundle: "text/html" and "text/plain".</summary>
    public JsonObject ToDisplayData() => new() { ["text/html"] = ToHtml(), ["text/plain"] = ToPlainText() };

    /// <inheritdoc />
    public override string ToString() => ToPlainText();

    private static void AppendLine(StringBuilder text, IReadOnlyList<string> cells, int[] widths)
    {
        text.Append(string.Join("  ", cells.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd()).Append('\n');
    }

    private static string Format(object? cell, string numberFormat) => cell switch
    {
        null => "",
        double d => d.ToString(numberFormat, CultureInfo.InvariantCulture),
        float f => f.ToString(numberFormat, CultureInfo.InvariantCulture),
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? "",
    };
}
