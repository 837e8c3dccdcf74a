using System.Text.Json.Nodes;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Notebooks;

/// <summary>Runs every notebook in notebooks/ once on the Smoke preset, through the real CLI, and shares the run.</summary>
public sealed class SmokeRunOfProjectNotebooks : IDisposable
{
    public SmokeRunOfProjectNotebooks()
    {
        OutDir = Directory.CreateTempSubdirectory("rk-project-notebooks-").FullName;
        Notebooks = Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "notebooks"), "*.ipynb").Order().ToArray();
        // Without the cache, so the test measures this build rather than a result left by another run; training runs
        // and the cache go to the temporary folder (RESEARCHKIT_OUT), never into the checkout's out/.
        Result = CliProcess.Run(["run", Path.Combine(CliProcess.RepoRoot, "notebooks"), "--preset", "smoke", "--out", OutDir],
            new Dictionary<string, string> { ["RESEARCHKIT_NO_CACHE"] = "1", ["RESEARCHKIT_OUT"] = OutDir },
            timeoutSeconds: 1800); // every notebook on Smoke, most of them training: a few minutes idle, far more on a loaded machine
    }

    public string OutDir { get; }

    public string[] Notebooks { get; }

    public CliResult Result { get; }

    public void Dispose() => Directory.Delete(OutDir, recursive: true);
}

public sealed class ProjectNotebooksTests(SmokeRunOfProjectNotebooks run) : IClassFixture<SmokeRunOfProjectNotebooks>
{
    private IEnumerable<(string Name, JsonObject Notebook)> Executed() => run.Notebooks.Select(n => Path.GetFileNameWithoutExtension(n))
        .Select(name => (name, JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutDir, name + ".ipynb")))!.AsObject()));

    [Fact]
    public void EveryNotebook_RunsOnSmokeWithoutError()
    {
        Assert.True(run.Notebooks.Length >= 1);
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        Assert.Contains($"all {run.Notebooks.Length} notebook(s) ok", run.Result.Stderr);
        foreach (var (name, nb) in Executed())
        {
            var code = nb["cells"]!.AsArray().Where(c => c!["cell_type"]!.GetValue<string>() == "code").ToArray();
            Assert.All(code, c => Assert.NotNull(c!["execution_count"]));
            Assert.DoesNotContain(code.SelectMany(c => c!["outputs"]!.AsArray()), o => o!["output_type"]!.GetValue<string>() == "error");
            Assert.Contains(nb["cells"]!.AsArray(), c => c!["metadata"]?["tags"]?.AsArray().Any(t => t!.GetValue<string>() == "injected-parameters") == true);
        }
    }

    [Fact]
    public void EveryPlotlyOutput_CarriesItsPng_AndIsSavedAsJsonPngAndHtml()
    {
        foreach (var (name, nb) in Executed())
        {
            var plotly = nb["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
                .Select(o => o!["data"]).Where(d => d?["application/vnd.plotly.v1+json"] is not null).ToArray();
            Assert.NotEmpty(plotly);
            Assert.All(plotly, d =>
            {
                Assert.IsType<JsonObject>(d!["application/vnd.plotly.v1+json"]);
                Assert.StartsWith("iVBORw0KGgo", d["image/png"]!.GetValue<string>()); // base64 of the PNG signature
            });
            var figures = Path.Combine(run.OutDir, name);
            Assert.Equal(plotly.Length, Directory.GetFiles(figures, "*.json").Length);
            Assert.Equal(plotly.Length, Directory.GetFiles(figures, "*.png").Length);
            Assert.Equal(plotly.Length, Directory.GetFiles(figures, "*.html").Length);
        }
    }

    [Fact]
    public void ExecutedNotebooks_AreValidNbformat45_AndTheIndexLinksThem()
    {
        Nbformat.AssertValid45(run.Notebooks.Select(n => Path.Combine(run.OutDir, Path.GetFileName(n))).ToArray());
        var index = File.ReadAllText(Path.Combine(run.OutDir, "index.html"));
        Assert.All(run.Notebooks, n => Assert.Contains(Path.GetFileName(n), index));
        Assert.Contains("preset: smoke", index);
    }
}
