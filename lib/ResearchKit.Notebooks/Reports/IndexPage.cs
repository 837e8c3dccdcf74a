using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using ResearchKit.Notebooks.Running;
using ResearchKit.Notebooks.IO;

namespace ResearchKit.Notebooks.Reports;

/// <summary>Writes <c>index.html</c>: one row per executed notebook in the folder with its status, wall time, the run
/// that made it and figure links. The rows live in <c>index.json</c> beside it, so a run of one notebook into a folder
/// that holds others replaces that notebook's row and keeps the rest (a row whose executed copy is gone is dropped).</summary>
public static class IndexPage
{
    /// <summary>One row of the index: an executed notebook, with paths relative to the folder.</summary>
    public sealed record Row(string Name, string Notebook, bool Ok, int? FailedCellIndex, string? Error, double Seconds,
        string[] Figures, string? Preset, DateTimeOffset RunStarted, VerdictExporter.Summary? Verdict = null);

    private static readonly JsonSerializerOptions Json = new() { WriteIndented = true };

    /// <summary>Writes <c>outDir/index.html</c> (and <c>index.json</c>) for <paramref name="results"/> and the earlier
    /// rows of the folder; returns the page's path.</summary>
    public static string Write(string outDir, IReadOnlyList<NotebookResult> results, string? preset, DateTimeOffset started)
    {
        var fresh = results.Select(r => new Row(r.Name, Relative(outDir, r.OutputPath), r.Ok, r.FailedCellIndex, r.Error,
            r.Seconds, [.. r.Figures], preset, started, r.Verdict)).ToList();
        var rows = ReadRows(outDir)
            .Where(old => fresh.All(n => n.Notebook != old.Notebook) && File.Exists(Path.Combine(outDir, old.Notebook)))
            .Concat(fresh).OrderBy(r => r.Notebook, StringComparer.Ordinal).ToList();
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ResearchKit notebooks</title>\n<style>")
          .Append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
          .Append("padding:.3em .6em;vertical-align:top;text-align:left}.ok{color:#070}.failed{color:#b00}")
          .Append("img{max-height:120px;margin:2px;border:1px solid #eee}</style></head><body>\n")
          .Append("<h1>ResearchKit notebooks</h1>\n")
          .Append("<p>").Append(Html($"Last run started {started:yyyy-MM-dd HH:mm:ss zzz}; preset: {PresetText(preset)}; "))
          .Append(Html($"{fresh.Count(r => r.Ok)} of {fresh.Count} ok."))
          .Append(rows.Count > fresh.Count ? Html($" The folder holds {rows.Count} executed notebooks; {rows.Count(r => r.Ok)} of them ran ok.") : "")
          .Append("</p>\n")
          .Append("<table><tr><th>notebook</th><th>status</th><th>seconds</th><th>run</th><th>verdict</th><th>figures</th></tr>\n");
        foreach (var r in rows) AppendRow(sb, r);
        sb.Append("</table></body></html>\n");
        AtomicFile.WriteAllText(Path.Combine(outDir, "index.json"), JsonSerializer.Serialize(rows, Json) + "\n");
        var path = Path.Combine(outDir, "index.html");
        AtomicFile.WriteAllText(path, sb.ToString());
        return path;
    }

    /// <summary>The rows of <c>outDir/index.json</c>; none when it is missing or unreadable (the page is then rebuilt
    /// from this run's notebooks alone).</summary>
    public static IReadOnlyList<Row> ReadRows(string outDir)
    {
        var path = Path.Combine(outDir, "index.json");
        if (!File.Exists(path)) return [];
        try
        {
            // A hand-edited file may lack fields: rows without a name or notebook are dropped, missing figures are none.
            return (JsonSerializer.Deserialize<List<Row?>>(File.ReadAllText(path), Json) ?? [])
                .OfType<Row>().Where(r => r.Name is not null && r.Notebook is not null)
                .Select(r => r.Figures is null ? r with { Figures = [] } : r).ToList();
        }
        catch (JsonException) { return []; }
    }

    private static string Relative(string outDir, string path) => Path.GetRelativePath(outDir, path).Replace('\\', '/');

    private static string PresetText(string? preset) => preset ?? "as in each notebook";

    private static void AppendRow(StringBuilder sb, Row r)
    {
        var status = r.Ok ? "ok" : r.FailedCellIndex is { } k ? $"failed at cell {k}" : "failed";
        var notebook = r.Notebook;
        var page = Path.ChangeExtension(notebook, ".html");
        sb.Append($"<tr><td><a href=\"{Attr(page)}\">{Html(r.Name)}</a> (<a href=\"{Attr(notebook)}\">ipynb</a>)</td>")
          .Append($"<td class=\"{(r.Ok ? "ok" : "failed")}\">{Html(status)}")
          .Append(r.Error is null ? "" : $"<br><small>{Html(r.Error)}</small>")
          .Append(string.Create(CultureInfo.InvariantCulture, $"</td><td>{r.Seconds:0.0}</td>"))
          .Append($"<td>{Html($"{PresetText(r.Preset)}, {r.RunStarted:yyyy-MM-dd HH:mm}")}</td>")
          .Append(r.Verdict is { } v ? $"<td><b>{Html(v.Outcome)}</b><br><small>{Html(v.Claim)}: {Html(v.Evidence)}</small></td><td>" : "<td>—</td><td>");
        foreach (var fig in r.Figures.Where(f => f.EndsWith(".html", StringComparison.Ordinal)))
        {
            var stem = fig[..^".html".Length];
            var png = r.Figures.Contains(stem + ".png")
                ? $"<img src=\"{Attr(stem + ".png")}\" alt=\"{Attr(Path.GetFileName(stem))}\">"
                : Html(Path.GetFileName(stem));
            sb.Append($"<a href=\"{Attr(fig)}\">{png}</a> <a href=\"{Attr(stem + ".json")}\">json</a><br>");
        }
        var tables = r.Figures.Where(f => f.EndsWith(".csv", StringComparison.Ordinal)).ToList();
        if (tables.Count > 0)
            sb.Append("<small>tables: ").AppendJoin(" ", tables.Select(f => $"<a href=\"{Attr(f)}\">{Html(Path.GetFileNameWithoutExtension(f))}</a>")).Append("</small>");
        sb.Append("</td></tr>\n");
    }

    private static string Html(string s) => WebUtility.HtmlEncode(s);

    private static string Attr(string s) => WebUtility.HtmlEncode(Uri.EscapeDataString(s).Replace("%2F", "/"));
}
