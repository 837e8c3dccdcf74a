using System.Globalization;
using System.Net;
using System.Reflection;
using System.Text;
using System.Text.Json.Nodes;
using Deedle;

namespace ResearchKit.Tables;

/// <summary>
/// Shows Deedle frames in notebooks (Deedle has no notebook formatter): an HTML table, the frame as CSV (text/csv,
/// which the runner saves beside the figures) and Deedle's own text rendering. Numbers are formatted invariantly:
/// integers as they are, other numbers to 4 significant digits (whole numbers from 10^4 up in full); missing values
/// are empty cells. A frame keyed 0..n-1 shows no index column.
/// </summary>
public static class TableDisplay
{
    /// <summary>The display bundle of any <c>Frame&lt;R, C&gt;</c>, or null when <paramref name="value"/> is not a frame.</summary>
    public static JsonObject? TryToDisplayData(object value)
    {
        var type = value.GetType();
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Frame<,>)) return null;
        var method = typeof(TableDisplay).GetMethods(BindingFlags.Public | BindingFlags.Static)
            .Single(m => m.Name == nameof(ToDisplayData) && m.IsGenericMethodDefinition && m.GetParameters().Length == 1)
            .MakeGenericMethod(type.GetGenericArguments());
        try
        {
            return (JsonObject)method.Invoke(null, [value])!;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    /// <summary>text/html, text/csv and text/plain for <paramref name="frame"/>.</summary>
    public static JsonObject ToDisplayData<TRow, TCol>(Frame<TRow, TCol> frame) where TRow : notnull where TCol : notnull =>
        ToDisplayData(frame, null);

    /// <summary>text/html (with <paramref name="caption"/> above the table), text/csv and text/plain.</summary>
    public static JsonObject ToDisplayData<TRow, TCol>(Frame<TRow, TCol> frame, string? caption) where TRow : notnull where TCol : notnull => new()
    {
        ["text/html"] = ToHtml(frame, caption),
        ["text/csv"] = ToCsv(frame),
        ["text/plain"] = caption is null ? frame.Format() : caption + "\n" + frame.Format(),
    };

    /// <summary>The frame as an HTML table, every cell escaped, with an optional caption.</summary>
    public static string ToHtml<TRow, TCol>(Frame<TRow, TCol> frame, string? caption = null) where TRow : notnull where TCol : notnull
    {
        bool index = ShowsIndex(frame);
        var sb = new StringBuilder("<table class=\"researchkit-table\">\n");
        if (caption is not null) sb.Append("<caption style=\"text-align:left\">").Append(Escape(caption)).Append("</caption>\n");
        sb.Append("<thead><tr>");
        if (index) sb.Append("<th></th>");
        foreach (var col in frame.ColumnKeys) sb.Append("<th>").Append(Escape(Text(col))).Append("</th>");
        sb.Append("</tr></thead>\n<tbody>\n");
        foreach (var row in frame.RowKeys)
        {
            sb.Append("<tr>");
            if (index) sb.Append("<th>").Append(Escape(Text(row))).Append("</th>");
            foreach (var cell in Cells(frame, row)) sb.Append("<td>").Append(Escape(cell)).Append("</td>");
            sb.Append("</tr>\n");
        }
        return sb.Append("</tbody>\n</table>").ToString();
    }

    /// <summary>
    /// The frame as CSV (RFC 4180 quoting, invariant numbers in full precision, the row key as a first column only
    /// when the frame is keyed by something other than 0..n-1). Written by hand because Deedle's SaveCsv writes
    /// numbers in the current culture's short form and has no in-memory text overload that is not obsolete.
    /// </summary>
    public static string ToCsv<TRow, TCol>(Frame<TRow, TCol> frame) where TRow : notnull where TCol : notnull
    {
        bool index = ShowsIndex(frame);
        var sb = new StringBuilder();
        var header = frame.ColumnKeys.Select(c => Text(c));
        sb.AppendJoin(',', (index ? header.Prepend("") : header).Select(Quote)).Append('\n');
        foreach (var row in frame.RowKeys)
        {
            var cells = Cells(frame, row, full: true);
            sb.AppendJoin(',', (index ? cells.Prepend(Text(row)) : cells).Select(Quote)).Append('\n');
        }
        return sb.ToString();
    }

    private static IEnumerable<string> Cells<TRow, TCol>(Frame<TRow, TCol> frame, TRow row, bool full = false)
        where TRow : notnull where TCol : notnull
    {
        var values = frame.Rows[row];
        foreach (var col in frame.ColumnKeys)
        {
            var cell = values.TryGet(col);
            yield return cell.HasValue ? (full ? Full(cell.Value) : Text(cell.Value)) : "";
        }
    }

    /// <summary>True unless the row keys are the ints 0..n-1 in order.</summary>
    private static bool ShowsIndex<TRow, TCol>(Frame<TRow, TCol> frame) where TRow : notnull where TCol : notnull =>
        !(frame.RowKeys is IEnumerable<int> ints && ints.Select((k, i) => k == i).All(same => same));

    /// <summary>A cell as shown: integers as they are, doubles to 4 significant digits (whole numbers from 10^4 in full).</summary>
    public static string Text(object? value) => value switch
    {
        null => "",
        double d when double.IsFinite(d) && Math.Abs(d) >= 1e4 && Math.Abs(d) < 1e15 => d.ToString("0.#", CultureInfo.InvariantCulture),
        double d => d.ToString("G4", CultureInfo.InvariantCulture),
        float f => ((double)f).ToString("G4", CultureInfo.InvariantCulture),
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    private static string Full(object? value) => value switch
    {
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value?.ToString() ?? "",
    };

    private static string Escape(string s) => WebUtility.HtmlEncode(s);

    private static string Quote(string s) =>
        s.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + s.Replace("\"", "\"\"") + "\"" : s;
}
