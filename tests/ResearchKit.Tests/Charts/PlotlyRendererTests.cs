using System.Text.Json.Nodes;
using Plotly.NET;
using ResearchKit.Charts;
using CSChart = Plotly.NET.CSharp.Chart;

namespace ResearchKit.Tests.Charts;

[Collection(ChromiumCollection.Name)]
public sealed class PlotlyRendererTests(RendererFixture fixture)
{
    private PlotlyRenderer Renderer => fixture.Renderer;

    internal static GenericChart LineChart()
    {
        var chart = CSChart.Line<double, double, string>([1, 2, 4, 8, 16, 32], [1, 0.5, 0.2, 0.1, 0.04, 0.01], Name: "train", ShowMarkers: true, UseDefaults: false)
            .Axis("x", log: true).Axis("y", log: true)
            .WithShapes([ChartParts.VerticalLine(6, dash: StyleParam.DrawingStyle.Dash, colour: "red")]);
        return ChartStyle.Apply(chart, "E(K)", width: 400, height: 300);
    }

    internal static GenericChart HeatmapChart()
    {
        var z = Enumerable.Range(0, 32).Select(r => Enumerable.Range(0, 48).Select(c => Math.Sin(r / 5.0) * Math.Cos(c / 7.0)).ToArray()).ToArray();
        var chart = CSChart.Heatmap<double, int, int, string>(z, ColorScale: StyleParam.Colorscale.Viridis, UseDefaults: false);
        return ChartStyle.Apply(chart, "spectrum", width: 360, height: 240);
    }

    [Fact]
    public void LineChartAndHeatmap_RenderToNonBlankPngsOfTheLayoutSize_InOneBrowser()
    {
        Assert.True(Renderer.IsAvailable, Renderer.UnavailableReason);
        var line = PngPixels.Decode(Renderer.RenderPng(LineChart()));
        int? firstBrowser = Renderer.BrowserProcessId;
        var heatmap = PngPixels.Decode(Renderer.RenderPng(HeatmapChart()));

        Assert.Equal((400, 300), (line.Width, line.Height));
        Assert.Equal((360, 240), (heatmap.Width, heatmap.Height));
        // Axes, ticks, title and the curve: a blank page would have 0 non-white pixels.
        Assert.InRange(line.CountNonWhite(), 2_000, 400 * 300 / 2);
        // The heatmap fills most of its plot area with the colour scale: many pixels and many colours.
        Assert.InRange(heatmap.CountNonWhite(), 360 * 240 / 10, 360 * 240);
        Assert.True(heatmap.DistinctColours() > 50, $"{heatmap.DistinctColours()} colours");
        Assert.NotNull(firstBrowser);
        Assert.Equal(firstBrowser, Renderer.BrowserProcessId);
    }

    [Fact]
    public void SecondRender_ReusesTheSameBrowserProcess()
    {
        var first = Renderer.RenderPng(LineChart());
        int? pid = Renderer.BrowserProcessId;
        int starts = Renderer.BrowserStarts;
        var second = Renderer.RenderPng(LineChart(), scale: 2);

        Assert.Equal(pid, Renderer.BrowserProcessId);
        Assert.Equal(starts, Renderer.BrowserStarts);
        Assert.Equal(1, Renderer.BrowserStarts);
        Assert.Equal((800, 600), (PngPixels.Decode(second).Width, PngPixels.Decode(second).Height));
        Assert.True(PngPixels.HasSignature(first));
    }

    [Fact]
    public void ImagePanel_DrawsThePngSourceOnItsAxes()
    {
        string source = "data:image/png;base64," + Convert.ToBase64String(TinyPng.RedBlue2x1);
        var panels = new[] { "image", "labels" }.Select(_ => CSChart.Image<string>(Source: source, UseDefaults: false));
        var fig = ChartStyle.Apply(CSChart.Grid(panels, 1, 2, SubPlotTitles: new[] { "image", "labels" }), width: 400, height: 240)
            .Layout(("margin", Raw.Object(("l", 20), ("r", 20), ("t", 40), ("b", 20))));
        var png = PngPixels.Decode(Renderer.RenderPng(fig));

        int red = 0, blue = 0;
        for (int i = 0; i < png.Rgba.Length; i += 4)
        {
            if (png.Rgba[i] > 240 && png.Rgba[i + 1] < 15 && png.Rgba[i + 2] < 15) red++;
            if (png.Rgba[i] < 15 && png.Rgba[i + 1] < 15 && png.Rgba[i + 2] > 240) blue++;
        }
        Assert.True(red > 500 && blue > 500, $"red {red}, blue {blue} pixels");
    }

    [Fact]
    public void DisplayData_CarriesThePlotlyObject_APngOfTheLayoutSize_AndOfflineHtmlWithThePngAsFallback()
    {
        var bundle = ChartDisplay.ToDisplayData(LineChart(), Renderer);

        Assert.Equal([ChartDisplay.PlotlyMimeType, "image/png", "text/html", "text/plain"], bundle.Select(p => p.Key));
        var png = PngPixels.Decode(Convert.FromBase64String(bundle["image/png"]!.GetValue<string>()));
        Assert.Equal((400, 300), (png.Width, png.Height));
        var figure = Assert.IsType<JsonObject>(bundle[ChartDisplay.PlotlyMimeType]);
        Assert.Equal("log", figure["layout"]!["xaxis"]!["type"]!.GetValue<string>());
        string html = bundle["text/html"]!.GetValue<string>();
        Assert.Contains("data:image/png;base64,", html);
        Assert.DoesNotMatch("<script[^>]*src=", html); // no CDN, no file the notebook does not carry
        Assert.Contains("Plotly.newPlot", html);
        Assert.Equal("Chart: 1 trace, \"E(K)\"", bundle["text/plain"]!.GetValue<string>());
    }

    [Fact]
    public void SameChart_RendersToTheSameBytes()
    {
        var first = Renderer.RenderPng(LineChart());
        var second = Renderer.RenderPng(LineChart());
        Assert.Equal(first, second);
    }

    [Fact]
    public void InvalidScale_IsRejectedWithoutStoppingTheBrowser()
    {
        Renderer.RenderPng(LineChart());
        int? pid = Renderer.BrowserProcessId;
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Renderer.RenderPng(LineChart(), scale: 0));
        Assert.Contains("scale", error.Message);
        Assert.Equal(pid, Renderer.BrowserProcessId);
    }

    [Fact]
    public void PlotlyError_SurfacesNamingTheFigure_AndTheBrowserKeepsWorking()
    {
        string fakePlotly = FakePlotly("toImage: fig => fig.layout.title ? Promise.reject(new Error('no titles here')) : Promise.resolve('data:image/png;base64,iVBORw0KGgo=')");
        using var renderer = new PlotlyRenderer(new PlotlyRendererOptions { PlotlyJsPath = fakePlotly });

        var error = Assert.Throws<InvalidOperationException>(() => renderer.RenderPng(LineChart()));

        Assert.StartsWith("plotly.js failed while rendering the figure 'E(K)': Error: no titles here", error.Message);
        int? pid = renderer.BrowserProcessId;
        Assert.Equal([137, 80, 78, 71, 13, 10, 26, 10], renderer.RenderPng(CSChart.Line<double, double, string>([1.0], [1.0], UseDefaults: false)));
        Assert.Equal(pid, renderer.BrowserProcessId);
        File.Delete(fakePlotly);
    }

    [Fact]
    public void Dispose_KillsTheBrowserAndDeletesItsProfile()
    {
        string fakePlotly = FakePlotly("toImage: () => Promise.resolve('data:image/png;base64,iVBORw0KGgo=')");
        using var renderer = new PlotlyRenderer(new PlotlyRendererOptions { PlotlyJsPath = fakePlotly });
        Assert.Equal([137, 80, 78, 71, 13, 10, 26, 10], renderer.RenderPng(LineChart()));
        int pid = renderer.BrowserProcessId!.Value;
        string profile = ProfileOf(pid);
        Assert.True(Directory.Exists(profile), profile);

        renderer.Dispose();

        Assert.Null(renderer.BrowserProcessId);
        Assert.False(Directory.Exists(profile));
        Assert.False(IsRunning(pid));
        Assert.Throws<ObjectDisposedException>(() => renderer.RenderPng(LineChart()));
        File.Delete(fakePlotly);
    }

    [Fact]
    public void MissingChromium_IsUnavailableWithTheAptHint_AndTheNoticeIsShownOnce()
    {
        using var renderer = new PlotlyRenderer(new PlotlyRendererOptions { ChromiumPath = "/nonexistent/chromium" });
        var stderr = new StringWriter();

        Assert.False(renderer.IsAvailable);
        Assert.Equal("PNG figures need Debian's chromium: apt-get install chromium", renderer.UnavailableReason);
        Assert.True(renderer.ShowNoticeOnce(stderr));
        Assert.False(renderer.ShowNoticeOnce(stderr));
        Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("apt-get install chromium", stderr.ToString());
        var error = Assert.Throws<InvalidOperationException>(() => renderer.RenderPng(LineChart()));
        Assert.Equal(renderer.UnavailableReason, error.Message);
    }

    [Fact]
    public void MissingPlotlyJs_IsUnavailableAndNamesTheSetupScript()
    {
        using var renderer = new PlotlyRenderer(new PlotlyRendererOptions { PlotlyJsPath = "/nonexistent/plotly.min.js" });

        Assert.False(renderer.IsAvailable);
        Assert.Contains("scripts/setup.sh", renderer.UnavailableReason);
        Assert.Contains("/nonexistent/plotly.min.js", renderer.UnavailableReason);
    }

    /// <summary>A stand-in plotly.js (the real one is exercised above) that makes a second browser quick to start.</summary>
    private static string FakePlotly(string members)
    {
        string path = Path.Combine(Path.GetTempPath(), $"rk-fake-plotly-{Guid.NewGuid():N}.js");
        File.WriteAllText(path, $"var Plotly = {{ {members} }};");
        return path;
    }

    private static bool IsRunning(int pid) =>
        File.Exists($"/proc/{pid}/stat") && File.ReadAllText($"/proc/{pid}/stat").Split(' ')[2] != "Z";

    private static string ProfileOf(int pid)
    {
        string[] args = File.ReadAllText($"/proc/{pid}/cmdline").Split('\0');
        return args.Single(a => a.StartsWith("--user-data-dir=", StringComparison.Ordinal))["--user-data-dir=".Length..];
    }
}
