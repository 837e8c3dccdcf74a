using System.Globalization;
using System.Net;
using System.Text;
using ResearchKit.Notebooks.Running;

namespace ResearchKit.Notebooks.Reports;

/// <summary>Writes <c>index.html</c>: one row per executed notebook with its status, wall time and figure links.</summary>
public static class IndexPage
{
    /// <summary>Writes <c>outDir/index.html</c> for <paramref name="results"/>; returns its path.</summary>
    public static string Write(string outDir, IReadOnlyList<NotebookResult> results, string? preset, DateTimeOffset started)
    {
        var sb = new StringBuilder();
        sb.Append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>ResearchKit notebooks</title>\n<style>")
          .Append("body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;")
          .Append("padding:.3em .6em;vertical-align:top;text-align:left}.ok{color:#070}.failed{color:#b00}")
          .Append("img{max-height:120px;margin:2px;border:1px solid #eee}</style></head><body>\n")
          .Append("<h1>ResearchKit notebooks</h1>\n")
          .Append("<p>").Append(Html($"Run started {started:yyyy-MM-dd HH:mm:ss zzz}; preset: {preset ?? "as in each notebook"}; "))
          .Append(Html($"{results.Count(r => r.Ok)} of {results.Count} ok.")).Append("</p>\n")
          .Append("<table><tr><th>notebook</th><th>status</th><th>seconds</th><th>figures</th></tr>\n");
        foreach (var r in results) AppendRow(sb, r, outDir);
        sb.Append("</table></body></html>\n");
        var path = Path.Combine(outDir, "index.html");
        AtomicFile.WriteText(path, sb.ToString());
        return path;
    }

    private static void AppendRow(StringBuilder sb, NotebookResult r, string outDir)
    {
        var status = r.Ok ? "ok" : r.FailedCellIndex is { } k ? $"failed at cell {k}" : "failed";
        var notebook = Path.GetRelativePath(outDir, r.OutputPath).Replace('\\', '/');
        var page = Path.ChangeExtension(notebook, ".html");
        sb.Append($"<tr><td><a href=\"{Attr(page)}\">{Html(r.Name)}</a> (<a href=\"{Attr(notebook)}\">ipynb</a>)</td>")
          .Append($"<td class=\"{(r.Ok ? "ok" : "failed")}\">{Html(status)}")
          .Append(r.Error is null ? "" : $"<br><small>{Html(r.Error)}</small>")
          .Append(string.Create(CultureInfo.InvariantCulture, $"</td><td>{r.Seconds:0.0}</td><td>"));
        foreach (var fig in r.Figures.Where(f => f.EndsWith(".html", StringComparison.Ordinal)))
        {
            var stem = fig[..^".html".Length];
            var png = r.Figures.Contains(stem + ".png")
                ? $"<img src=\"{Attr(stem + ".png")}\" alt=\"{Attr(Path.GetFileName(stem))}\">"
                : Html(Path.GetFileName(stem));
            sb.Append($"<a href=\"{Attr(fig)}\">{png}</a> <a href=\"{Attr(stem + ".json")}\">json</a><br>");
        }
        sb.Append("</td></tr>\n");
    }

    private static string Html(string s) => WebUtility.HtmlEncode(s);

    private static string Attr(string s) => WebUtility.HtmlEncode(Uri.EscapeDataString(s).Replace("%2F", "/"));
}
