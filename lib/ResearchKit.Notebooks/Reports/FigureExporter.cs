using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;
using ResearchKit.Notebooks.IO;

namespace ResearchKit.Notebooks.Reports;

/// <summary>Saves every Plotly output of an executed notebook as <c>fig-&lt;cell&gt;-&lt;k&gt;.json</c>, its PNG when
/// the bundle carries one, and a standalone HTML page that loads <c>../plotly.min.js</c>; and every table output
/// (a bundle with text/csv) as <c>table-&lt;cell&gt;-&lt;k&gt;.csv</c>.</summary>
public static class FigureExporter
{
    /// <summary>Writes the figures of <paramref name="notebook"/> under <c>outDir/name/</c>; returns their paths
    /// relative to <paramref name="outDir"/> (forward slashes): json, png and html per figure, csv per table.</summary>
    public static IReadOnlyList<string> Export(NotebookDocument notebook, string name, string outDir)
    {
        var written = new List<string>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            int k = 0, t = 0;
            foreach (var output in notebook.Cells[i].IsCode ? notebook.Cells[i].Outputs : [])
            {
                if (output?["data"] is JsonObject table && table["text/csv"] is { } csv)
                    Write(outDir, $"{name}/table-{i}-{t++}.csv", MultilineText.Read(csv), written);
                if (output?["data"] is not JsonObject data || data[CellOutput.PlotlyMime] is not JsonObject figure) continue;
                var stem = $"{name}/fig-{i}-{k++}";
                Write(outDir, stem + ".json", figure.ToJsonString(), written);
                Write(outDir, stem + ".html", StandaloneHtml(figure, $"{name} · cell {i} · figure {k - 1}"), written);
                if (data["image/png"] is { } png)
                {
                    var bytes = Convert.FromBase64String(MultilineText.Read(png).Trim());
                    AtomicFile.WriteAllBytes(Path.Combine(outDir, stem + ".png"), bytes);
                    written.Add(stem + ".png");
                }
            }
        }
        return written;
    }

    private static void Write(string outDir, string relative, string text, List<string> written)
    {
        AtomicFile.WriteAllText(Path.Combine(outDir, relative), text);
        written.Add(relative);
    }

    /// <summary>The default serializer escapes '&lt;' as \u003C, so the figure cannot close the script tag.</summary>
    private static string StandaloneHtml(JsonObject figure, string title) => $$"""
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>{{System.Net.WebUtility.HtmlEncode(title)}}</title>
        <script src="../plotly.min.js"></script></head>
        <body><div id="figure" style="width:100%;height:92vh"></div>
        <script>
        const fig = {{figure.ToJsonString()}};
        Plotly.newPlot("figure", fig.data || [], fig.layout || {}, Object.assign({responsive: true}, fig.config || {}));
        </script></body></html>

        """;
}
