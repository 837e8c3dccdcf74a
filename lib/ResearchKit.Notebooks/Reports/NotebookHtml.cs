using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Notebooks.Reports;

/// <summary>Renders an executed notebook as one readable HTML page (sources, outputs, figures drawn with the
/// <c>plotly.min.js</c> next to it), for reading results without a notebook front end.</summary>
public static class NotebookHtml
{
    /// <summary>Returns the HTML page for <paramref name="notebook"/>; Plotly figures load <paramref name="plotlyJs"/>
    /// (a path relative to the page).</summary>
    public static string Render(NotebookDocument notebook, string title, string plotlyJs)
    {
        var sb = new StringBuilder();
        sb.Append($"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>{Enc(title)}</title>\n")
          .Append($"<script src=\"{Enc(plotlyJs)}\"></script>\n<style>body{{font-family:sans-serif;max-width:70em;margin:2em auto}}")
          .Append("pre{background:#f6f6f6;padding:.5em;overflow-x:auto;white-space:pre-wrap}.src{border-left:3px solid #88a}")
          .Append(".md{background:none;font-family:inherit}.err{background:#fee;color:#900}.n{color:#888;font-size:80%}")
          .Append("blockquote{border-left:3px solid #ccc;margin:.5em 0;padding-left:1em;color:#444}")
          .Append(".fig{width:100%;height:480px}</style></head><body>\n");
        var figures = 0;
        for (var i = 0; i < notebook.Cells.Count; i++) AppendCell(sb, notebook.Cells[i], i, ref figures);
        sb.Append("</body></html>\n");
        return sb.ToString();
    }

    private static void AppendCell(StringBuilder sb, NotebookCell cell, int index, ref int figures)
    {
        if (!cell.IsCode)
        {
            sb.Append($"<div class=\"md\">{MarkdownLite.ToHtml(cell.Source)}</div>\n");
            return;
        }
        var count = cell.Json["execution_count"]?.ToString() ?? " ";
        sb.Append($"<div class=\"n\">cell {index} [{Enc(count)}] {Enc(cell.Id ?? "")}</div>")
          .Append($"<pre class=\"src\"><code>{Enc(cell.Source)}</code></pre>\n");
        foreach (var output in cell.Outputs.OfType<JsonObject>()) AppendOutput(sb, output, ref figures);
    }

    private static void AppendOutput(StringBuilder sb, JsonObject output, ref int figures)
    {
        switch (output["output_type"]?.GetValue<string>())
        {
            case "stream":
                sb.Append($"<pre>{Enc(MultilineText.Read(output["text"]))}</pre>\n");
                break;
            case "error":
                var trace = output["traceback"] is JsonArray t ? string.Join("\n", t.Select(l => l?.GetValue<string>())) : "";
                sb.Append($"<pre class=\"err\">{Enc(trace)}</pre>\n");
                break;
            default:
                if (output["data"] is JsonObject data) AppendData(sb, data, ref figures);
                break;
        }
    }

    /// <summary>Shows the richest mime type of a bundle: Plotly, then PNG, then HTML, then plain text.</summary>
    private static void AppendData(StringBuilder sb, JsonObject data, ref int figures)
    {
        if (data[CellOutput.PlotlyMime] is JsonObject figure)
        {
            var id = $"fig{figures++}";
            var height = figure["layout"]?["height"]?.GetValue<double>() ?? 480;
            sb.Append($"<div class=\"fig\" id=\"{id}\" style=\"height:{height:0}px\"></div><script>(function(){{const f={figure.ToJsonString()};")
              .Append($"Plotly.newPlot(\"{id}\",f.data||[],f.layout||{{}},Object.assign({{responsive:true}},f.config||{{}}));}})();</script>\n");
        }
        else if (data["image/png"] is { } png)
            sb.Append($"<img src=\"data:image/png;base64,{MultilineText.Read(png).Trim()}\">\n");
        else if (data["text/html"] is { } html)
            sb.Append($"<div>{MultilineText.Read(html)}</div>\n");
        else
            sb.Append($"<pre>{Enc(MultilineText.Read(data["text/plain"]))}</pre>\n");
    }

    private static string Enc(string s) => WebUtility.HtmlEncode(s);
}
