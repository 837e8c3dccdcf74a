using System.Net;
using ResearchKit.Repro;
using ResearchKit.IO;

namespace ResearchKit.Plots;

/// <summary>Saves figures as .json, .html (interactive, works offline) and .png, each written atomically.</summary>
public static class FigureFiles
{
    /// <summary>File name of the plotly.js copy that HTML pages load from their own folder.</summary>
    public const string PlotlyJsFileName = "plotly.min.js";

    private static int _plotlyNoticeShown;

    /// <summary>Writes path.json, path.html and (when Chromium is available) path.png using <see cref="PlotlyRenderer.Shared"/>.</summary>
    public static SavedFigure Save(Figure figure, string pathWithoutExtension) =>
        Save(figure, pathWithoutExtension, PlotlyRenderer.SharedIfAvailable());

    /// <summary>
    /// Writes path.json, path.html (plus one plotly.min.js per folder, so pages open offline without embedding 4.8 MB
    /// each) and, when <paramref name="renderer"/> is given and available, path.png at <paramref name="pngScale"/>.
    /// </summary>
    public static SavedFigure Save(Figure figure, string pathWithoutExtension, PlotlyRenderer? renderer, double pngScale = 1)
    {
        string basePath = Path.GetFullPath(pathWithoutExtension);
        string folder = Path.GetDirectoryName(basePath)!;
        var saved = new SavedFigure(basePath + ".json", basePath + ".html", renderer is { IsAvailable: true } ? basePath + ".png" : null);
        AtomicFile.WriteAllText(saved.JsonPath, figure.ToJson(indented: true));
        CopyPlotlyJs(folder, renderer?.PlotlyJsPath ?? RendererPaths.FindPlotlyJs(out _));
        AtomicFile.WriteAllText(saved.HtmlPath, Html(figure));
        if (saved.PngPath is not null) AtomicFile.WriteAllBytes(saved.PngPath, renderer!.RenderPng(figure, pngScale));
        return saved;
    }

    /// <summary>A standalone HTML page drawing <paramref name="figure"/> with the plotly.min.js next to it.</summary>
    public static string Html(Figure figure)
    {
        string title = WebUtility.HtmlEncode(figure.Layout.Title ?? "Figure");
        // The script-safe encoder escapes '<', '>' and '&', so the figure cannot close the script element.
        string json = figure.ToJsonObjectWithConfig().ToJsonString(PlotlyJson.ScriptSafe);
        return $$"""
            <!DOCTYPE html>
            <html>
            <head>
            <meta charset="utf-8">
            <title>{{title}}</title>
            <script src="{{PlotlyJsFileName}}"></script>
            </head>
            <body style="margin:0">
            <div id="figure"></div>
            <script>
            const fig = {{json}};
            Plotly.newPlot("figure", fig.data, fig.layout, fig.config || {});
            </script>
            </body>
            </html>

            """;
    }

    private static void CopyPlotlyJs(string folder, string? plotlyJs)
    {
        string target = Path.Combine(folder, PlotlyJsFileName);
        if (plotlyJs is null)
        {
            if (!File.Exists(target) && Interlocked.Exchange(ref _plotlyNoticeShown, 1) == 0)
                Console.Error.WriteLine($"researchkit: plotly.js not found (run scripts/setup.sh or set {RendererPaths.PlotlyJsVariable}); " +
                                        $"the saved .html pages need {PlotlyJsFileName} next to them.");
            return;
        }
        if (Path.GetFullPath(plotlyJs) == target) return;
        if (File.Exists(target) && new FileInfo(target).Length == new FileInfo(plotlyJs).Length) return;
        AtomicFile.WriteAllBytes(target, File.ReadAllBytes(plotlyJs));
    }
}
