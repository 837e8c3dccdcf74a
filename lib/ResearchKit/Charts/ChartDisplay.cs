using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Plotly.NET;

namespace ResearchKit.Charts;

/// <summary>
/// How a chart shows in a notebook: the plotly figure as a JSON object (<c>application/vnd.plotly.v1+json</c>, what
/// JupyterLab, VS Code and nbviewer draw), a PNG from headless Chromium (<c>image/png</c>, what GitHub and any
/// viewer shows), and <c>text/html</c> that draws the interactive figure offline with the kit's plotly.js, falling
/// back to the PNG where scripts do not run. Plotly.NET's own notebook formatter loads plotly.js from a CDN, which
/// draws nothing offline, hence this one.
/// </summary>
public static class ChartDisplay
{
    /// <summary>Mime type of the plotly figure in a display bundle.</summary>
    public const string PlotlyMimeType = "application/vnd.plotly.v1+json";

    private static int _plotlyInlined;

    /// <summary>The chart as plotly figure JSON ({data, layout}), parsed from <c>GenericChart.toFigureJson</c>.</summary>
    public static JsonObject FigureJson(GenericChart chart)
    {
        var figure = JsonNode.Parse(GenericChart.toFigureJson(chart)) as JsonObject
            ?? throw new InvalidDataException("Plotly.NET returned figure JSON that is not an object.");
        if (figure["frames"] is JsonArray { Count: 0 }) figure.Remove("frames"); // no animations in the kit
        return figure;
    }

    /// <summary>
    /// The display bundle of <paramref name="chart"/>: plotly JSON, PNG (when Chromium and plotly.js are installed; a
    /// missing Chromium is reported once on stderr and the PNG left out, a failed render throws with its cause),
    /// offline HTML and a one-line text/plain.
    /// </summary>
    public static JsonObject ToDisplayData(GenericChart chart) => ToDisplayData(chart, PlotlyRenderer.SharedIfAvailable());

    /// <summary>The display bundle with a PNG only when <paramref name="renderer"/> is given.</summary>
    internal static JsonObject ToDisplayData(GenericChart chart, PlotlyRenderer? renderer)
    {
        var figure = FigureJson(chart);
        string? png = renderer is null ? null : Convert.ToBase64String(renderer.RenderPng(figure));
        var bundle = new JsonObject { [PlotlyMimeType] = figure };
        if (png is not null) bundle["image/png"] = png;
        bundle["text/html"] = Html(figure, png, PlotlyJsForThisOutput());
        bundle["text/plain"] = Describe(figure);
        return bundle;
    }

    /// <summary>One line: <c>Chart: 3 traces, "title"</c>.</summary>
    public static string Describe(JsonObject figure)
    {
        int traces = (figure["data"] as JsonArray)?.Count ?? 0;
        string? title = figure["layout"]?["title"]?["text"]?.GetValue<string>();
        return $"Chart: {traces} trace{(traces == 1 ? "" : "s")}" + (title is null ? "" : $", \"{title}\"");
    }

    /// <summary>
    /// An HTML fragment drawing <paramref name="figure"/>: the PNG (if any) first, replaced by the interactive plot
    /// once plotly.js is there. <paramref name="plotlyJs"/> is the library's text, inlined once per process (a kernel
    /// or a notebook run) so later outputs reuse it; null leaves it out.
    /// </summary>
    public static string Html(JsonObject figure, string? pngBase64, string? plotlyJs)
    {
        string id = "rk-" + Guid.NewGuid().ToString("N")[..12];
        string fallback = pngBase64 is null
            ? "<p>(interactive figure: needs plotly.js, which loads with the first figure of a session)</p>"
            : $"<img src=\"data:image/png;base64,{pngBase64}\" alt=\"{WebUtility.HtmlEncode(Describe(figure))}\">";
        string json = figure.ToJsonString(PlotlyRenderer.ScriptSafe);
        string library = plotlyJs is null ? "" : $"<script>{plotlyJs.Replace("</script", "<\\/script", StringComparison.OrdinalIgnoreCase)}</script>\n";
        return $$"""
            {{library}}<div id="{{id}}">{{fallback}}</div>
            <script>
            (function () {
              var el = document.getElementById("{{id}}"), fig = {{json}};
              if (!el || typeof Plotly === "undefined" || !Plotly.newPlot) return;
              el.innerHTML = "";
              Plotly.newPlot(el, fig.data, fig.layout, {responsive: true});
            })();
            </script>
            """;
    }

    /// <summary>The plotly.js text for the first chart output of this process, null afterwards or when none is installed.</summary>
    private static string? PlotlyJsForThisOutput()
    {
        if (Volatile.Read(ref _plotlyInlined) == 1) return null;
        string? path = RendererPaths.FindPlotlyJs(out _);
        if (path is null || Interlocked.Exchange(ref _plotlyInlined, 1) == 1) return null;
        return File.ReadAllText(path);
    }

    /// <summary>Forgets that plotly.js was inlined (a new kernel session or notebook starts).</summary>
    internal static void ResetSession() => Interlocked.Exchange(ref _plotlyInlined, 0);
}
