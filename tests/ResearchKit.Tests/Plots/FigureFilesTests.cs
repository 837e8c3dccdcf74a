using System.Text.Json.Nodes;
using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

[Collection(ChromiumCollection.Name)]
public sealed class FigureFilesTests(RendererFixture fixture) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rk-figures-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void SaveWithoutRenderer_WritesJsonAndAnOfflineHtmlPage()
    {
        var fig = FigureTests.EnergyCurve();
        var saved = FigureFiles.Save(fig, Path.Combine(_folder, "ek"), renderer: null);

        Assert.Equal(Path.Combine(_folder, "ek.json"), saved.JsonPath);
        Assert.Null(saved.PngPath);
        Assert.Equal(fig.ToJsonObject().ToJsonString(), JsonNode.Parse(File.ReadAllText(saved.JsonPath))!.ToJsonString());
        string html = File.ReadAllText(saved.HtmlPath);
        Assert.Contains("<script src=\"plotly.min.js\"></script>", html);
        Assert.Contains("Plotly.newPlot(\"figure\"", html);
        Assert.Equal(new FileInfo(RendererPaths.FindPlotlyJs(out _)!).Length, new FileInfo(Path.Combine(_folder, "plotly.min.js")).Length);
        Assert.Equal(["ek.html", "ek.json", "plotly.min.js"], Directory.GetFiles(_folder).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Html_CannotBeBrokenOutOfByATitle()
    {
        var fig = new Figure("</script><script>alert(1)</script>");
        string html = FigureFiles.Html(fig);

        Assert.Equal(2, html.Split("</script>").Length - 1); // only the page's own two script elements close
        Assert.Contains("<title>&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;</title>", html);
    }

    [Fact]
    public void SaveWithRenderer_AlsoWritesThePng_AndOverwritesInPlace()
    {
        var fig = PlotlyRendererTests.LineChart();
        string path = Path.Combine(_folder, "sub", "line");
        FigureFiles.Save(new Figure("old"), path, fixture.Renderer);

        var saved = FigureFiles.Save(fig, path, fixture.Renderer);

        var png = PngPixels.Decode(File.ReadAllBytes(saved.PngPath!));
        Assert.Equal((400, 300), (png.Width, png.Height));
        Assert.Contains("\"E(K)\"", File.ReadAllText(saved.JsonPath));
        Assert.Equal(["line.html", "line.json", "line.png", "plotly.min.js"],
            Directory.GetFiles(Path.Combine(_folder, "sub")).Select(Path.GetFileName).Order());
    }
}
