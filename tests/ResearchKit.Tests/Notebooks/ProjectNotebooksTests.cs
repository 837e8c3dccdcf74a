using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ResearchKit.Notebooks.Format;
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
    public void EveryPlotlyOutput_CarriesItsPngAndOfflineHtml_AndIsSavedAsJsonPngAndHtml()
    {
        foreach (var (name, nb) in Executed())
        {
            var plotly = nb["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
                .Select(o => o!["data"]).Where(d => d?["application/vnd.plotly.v1+json"] is not null).ToArray();
            Assert.NotEmpty(plotly);
            Assert.All(plotly, d =>
            {
                Assert.IsType<JsonObject>(d!["application/vnd.plotly.v1+json"]);
                Assert.StartsWith("iVBORw0KGgo", MultilineText.Read(d["image/png"])); // base64 of the PNG signature
                string html = MultilineText.Read(d["text/html"]); // nbformat stores text as a list of lines
                Assert.Contains("Plotly.newPlot", html);
                Assert.DoesNotMatch("<script[^>]*src=", html); // draws offline: no CDN, no file beside the notebook
            });
            var figures = Path.Combine(run.OutDir, name);
            Assert.Equal(plotly.Length, Directory.GetFiles(figures, "fig-*.json").Length);
            Assert.Equal(plotly.Length, Directory.GetFiles(figures, "fig-*.png").Length);
            Assert.Equal(plotly.Length, Directory.GetFiles(figures, "fig-*.html").Length);
        }
    }

    [Fact]
    public void EveryTableOutput_IsAnHtmlTable_SavedAsCsv()
    {
        foreach (var (name, nb) in Executed())
        {
            var tables = nb["cells"]!.AsArray().SelectMany(c => c!["outputs"]?.AsArray() ?? [])
                .Select(o => o!["data"]).Where(d => d?["text/csv"] is not null).ToArray();
            Assert.NotEmpty(tables);
            Assert.All(tables, d => Assert.Contains("<table", MultilineText.Read(d!["text/html"])));
            var csv = Directory.GetFiles(Path.Combine(run.OutDir, name), "table-*.csv");
            Assert.Equal(tables.Length, csv.Length);
            Assert.All(csv, f => Assert.True(File.ReadAllLines(f).Length >= 2, $"{f} has no rows"));
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

    [Fact]
    public void EveryNotebook_RunsThroughTheJupyterKernel_WithTheRunnersOutputs()
    {
        Assert.True(run.Result.ExitCode == 0, run.Result.Stderr);
        var prefix = Directory.CreateTempSubdirectory("rk-kernel-notebooks-").FullName;
        try
        {
            Assert.Equal(0, CliProcess.Run("kernel", "install", "--prefix", prefix, "--name", "rk-nb").ExitCode);
            var names = run.Notebooks.Select(Path.GetFileNameWithoutExtension).ToArray();
            // The runner's executed files, outputs cleared, run by Debian's nbclient through the kernel from notebooks/
            // (the cells' #r paths are relative to it), with the same injected parameters and, like the runner's run,
            // without the cache and in a fresh output folder: both do the same work, so they must show the same.
            PythonProcess.Run($$"""
                import json, os, nbformat
                from nbclient import NotebookClient
                os.environ['JUPYTER_PATH'] = {{Py(Path.Combine(prefix, "share", "jupyter"))}}
                for name in json.loads({{Py(System.Text.Json.JsonSerializer.Serialize(names))}}):
                    nb = nbformat.read(os.path.join({{Py(run.OutDir)}}, name + '.ipynb'), as_version=4)
                    for cell in nb.cells:
                        if cell.cell_type == 'code':
                            cell.outputs, cell.execution_count = [], None
                    NotebookClient(nb, kernel_name='rk-nb', timeout=1200, startup_timeout=120,
                                   resources=dict(metadata=dict(path={{Py(Path.Combine(CliProcess.RepoRoot, "notebooks"))}}))).execute()
                    nbformat.write(nb, os.path.join({{Py(prefix)}}, name + '.ipynb'))
                """, timeoutSeconds: 3600,
                new Dictionary<string, string> { ["RESEARCHKIT_NO_CACHE"] = "1", ["RESEARCHKIT_OUT"] = Path.Combine(prefix, "out") });
            foreach (var (name, runner) in Executed())
            {
                var kernel = JsonNode.Parse(File.ReadAllText(Path.Combine(prefix, name + ".ipynb")))!.AsObject();
                var (expected, actual) = (CodeCells(runner), CodeCells(kernel));
                Assert.Equal(expected.Length, actual.Length);
                for (var i = 0; i < expected.Length; i++)
                {
                    var where = $"{name}, code cell {i + 1}";
                    Assert.DoesNotContain(actual[i].AsArray(), o => (string?)o!["output_type"] == "error");
                    Assert.True(Shown(expected[i]).SequenceEqual(Shown(actual[i])),
                        $"{where}: runner shows [{string.Join(" | ", Shown(expected[i]))}], kernel [{string.Join(" | ", Shown(actual[i]))}]");
                    Assert.True(HasStream(expected[i]) == HasStream(actual[i]), $"{where}: one side prints text, the other not");
                }
            }
        }
        finally
        {
            Directory.Delete(prefix, recursive: true);
        }
    }

    private static JsonArray[] CodeCells(JsonObject nb) => nb["cells"]!.AsArray()
        .Where(c => (string?)c!["cell_type"] == "code").Select(c => c!["outputs"]!.AsArray()).ToArray();

    // What a cell shows besides console text: output type, MIME types and text, with numbers and hashes masked and
    // column padding collapsed (timings and commits differ between two runs, and so do the widths of their columns),
    // leaving out the kernel's in-place training status.
    private static IEnumerable<string> Shown(JsonArray outputs) => outputs
        .Where(o => (string?)o!["output_type"] is "display_data" or "execute_result")
        .Where(o => o!["metadata"]?["researchkit"]?["status"] is null)
        .Select(o =>
        {
            var data = o!["data"]!.AsObject();
            var text = string.Concat(data["text/plain"] is JsonArray lines ? lines.Select(l => (string?)l) : [(string?)data["text/plain"]]);
            return $"{string.Join(",", data.Select(p => p.Key).Order())}: {Masked(text)}";
        });

    private static bool HasStream(JsonArray outputs) => outputs.Any(o => (string?)o!["output_type"] == "stream");

    private static string Masked(string text)
    {
        var masked = Regex.Replace(Regex.Replace(text, @"\b[0-9a-f]{7,40}(\+dirty)?\b", "<hash>"), @"\d+(\.\d+)?", "#");
        return Regex.Replace(Regex.Replace(masked, "-{2,}", "--"), " {2,}", " ");
    }

    private static string Py(string text) => System.Text.Json.JsonSerializer.Serialize(text);
}
