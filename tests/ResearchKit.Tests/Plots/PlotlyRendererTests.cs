using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

[Collection(ChromiumCollection.Name)]
public sealed class PlotlyRendererTests(RendererFixture fixture)
{
    private PlotlyRenderer Renderer => fixture.Renderer;

    internal static Figure LineChart()
    {
        var fig = new Figure("E(K)") { Layout = { Width = 400, Height = 300 } };
        fig.Add(new Scatter([1, 2, 4, 8, 16, 32], [1, 0.5, 0.2, 0.1, 0.04, 0.01]) { Name = "train", Mode = ScatterMode.Lines | ScatterMode.Markers });
        fig.Layout.XAxis.Type = AxisType.Log;
        fig.Layout.YAxis.Type = AxisType.Log;
        fig.Layout.Shapes.Add(Shape.VerticalLine(6, dash: LineDash.Dash, color: "red"));
        return fig;
    }

    internal static Figure HeatmapChart()
    {
        var z = new double[32, 48];
        for (int r = 0; r < 32; r++)
            for (int c = 0; c < 48; c++) z[r, c] = Math.Sin(r / 5.0) * Math.Cos(c / 7.0);
        var fig = new Figure("spectrum") { Layout = { Width = 360, Height = 240 } };
        return fig.Add(new Heatmap(z) { Colorscale = Colorscale.Viridis });
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
        var fig = Figure.Subplots(1, 2, "image", "labels");
        fig.Layout.Width = 400;
        fig.Layout.Height = 240;
        fig.Layout.Margin = new Margin(20, 20, 40, 20);
        fig.Add(new ImageTrace(TinyPng.RedBlue2x1), 1, 1).Add(new ImageTrace(TinyPng.RedBlue2x1), 1, 2);
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
    public void DisplayData_WithRenderer_CarriesTheFigureAsPngToo()
    {
        var bundle = LineChart().BuildDisplayData(Renderer);

        Assert.Equal([Figure.PlotlyMimeType, "image/png", "text/plain"], bundle.Select(p => p.Key));
        var png = PngPixels.Decode(Convert.FromBase64String(bundle["image/png"]!.GetValue<string>()));
        Assert.Equal((400, 300), (png.Width, png.Height));
        Assert.IsType<System.Text.Json.Nodes.JsonObject>(bundle[Figure.PlotlyMimeType]);
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

        Assert.StartsWith("plotly.js failed while rendering Figure: 1 trace, \"E(K)\": Error: no titles here", error.Message);
        int? pid = renderer.BrowserProcessId;
        Assert.Equal([137, 80, 78, 71, 13, 10, 26, 10], renderer.RenderPng(new Figure()));
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
