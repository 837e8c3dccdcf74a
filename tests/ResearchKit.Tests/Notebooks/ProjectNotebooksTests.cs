using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;
using ResearchKit.Tests.Cli;
using ResearchKit.Tests.Support;

namespace ResearchKit.Tests.Notebooks;

/// <summary>Runs every notebook in notebooks/ on the Smoke preset twice, in the background from the start of the test run
/// (<see cref="IBackgroundFixture"/>): through the real CLI's runner, then through nbconvert on dotnet-interactive's
/// Jupyter kernel; the tests read what the two passes wrote.</summary>
public sealed class SmokeRunOfProjectNotebooks : IBackgroundFixture, IDisposable
{
    private static readonly Lazy<Task<Passes>> Work = new(() => Task.Run(RunPasses));

    public SmokeRunOfProjectNotebooks() => (OutDir, Notebooks, Result, Nbconvert) = Work.Value.GetAwaiter().GetResult();

    public static void Start() => _ = Work.Value;

    public string OutDir { get; }

    public string[] Notebooks { get; }

    public CliResult Result { get; }

    /// <summary>The nbconvert pass: its output folder and wall time, or what stopped it.</summary>
    public NbconvertPass Nbconvert { get; }

    public void Dispose()
    {
        Directory.Delete(OutDir, recursive: true);
        Directory.Delete(Nbconvert.Folder, recursive: true);
    }

    private static Passes RunPasses()
    {
        var outDir = Directory.CreateTempSubdirectory("rk-project-notebooks-").FullName;
        var notebooks = Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "notebooks"), "*.ipynb").Order().ToArray();
        CliResult result;
        // Training runs and the result cache go to a fresh temporary folder (RESEARCHKIT_OUT), never into the
        // checkout's out/, so every result is this build's: a later notebook reuses what an earlier one computed, as in
        // the main job. A run that does not finish fails the runner's tests, not the class: the nbconvert pass below
        // needs only the notebooks.
        try
        {
            result = CliProcess.Run(["run", Path.Combine(CliProcess.RepoRoot, "notebooks"), "--preset", "smoke", "--out", outDir],
                new Dictionary<string, string> { ["RESEARCHKIT_OUT"] = outDir },
                timeoutSeconds: 3600); // every notebook on Smoke, most of them training: minutes idle, 30 min at load 18 on 2 cores
        }
        catch (TimeoutException e)
        {
            result = new CliResult(-1, "", e.Message, 3600);
        }
        return new Passes(outDir, notebooks, result, NbconvertPass.Run(notebooks, outDir));
    }

    private sealed record Passes(string OutDir, string[] Notebooks, CliResult Result, NbconvertPass Nbconvert);
}

/// <summary>Every notebook executed by Debian's nbconvert on the .net-csharp kernel setup wrote, into <see cref="Folder"/>.</summary>
/// <param name="Failure">What stopped a process (a non-zero exit, a timeout), or null.</param>
public sealed record NbconvertPass(string Folder, double Seconds, Exception? Failure)
{
    public static NbconvertPass Run(string[] notebooks, string runsFolder)
    {
        var folder = Directory.CreateTempSubdirectory("rk-nbconvert-notebooks-").FullName;
        var deps = Path.Combine(CliProcess.RepoRoot, ".deps");
        var clock = System.Diagnostics.Stopwatch.StartNew();
        // nbconvert executes each notebook in place (the kernel's folder is notebooks/, whose NuGet.config names
        // .deps/feed), one kernel per notebook; the preset comes from RESEARCHKIT_PRESET, which the parameters cell reads.
        // A fresh output folder, but the runner pass's training runs and result cache: the Smoke networks it trained and
        // the results it computed are reused by config hash, as on a user's second run (computing them is the runner
        // pass's to test; this pass executes every cell on the kernel, drawing every chart and table from the results as
        // they come back from the cache).
        // Two nbconvert processes, alternate notebooks each: a kernel's start, its #r restore and its C# compilations
        // are mostly one core's work (NB06 alone, results cached: 24 s of CPU in 30 s), so one kernel at a time left the
        // second core mostly idle. Each process gets its own HTTP port range: dotnet-interactive probes the range for a
        // free port and binds it later, so two kernels starting in the same instant both took 2048 and one died.
        var environment = new Dictionary<string, string>
        {
            ["PYTHONPATH"] = Path.Combine(CliProcess.RepoRoot, "scripts"),
            ["RESEARCHKIT_PRESET"] = "smoke",
            ["RESEARCHKIT_OUT"] = runsFolder,
            ["RestoreIgnoreFailedSources"] = "true",
            ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
        };
        try
        {
            var jupyterPaths = new[] { Path.Combine(deps, "jupyter"), KernelspecWithPortRange(folder, "3001-3953") };
            Task.WhenAll(new[] { 0, 1 }.Select(r => Task.Run(() => PythonProcess.RunModule("nbconvert", [
                "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=1800",
                "--ExecutePreprocessor.startup_timeout=120", "--NotebookExporter.preprocessors=rk_nbconvert.JsonMimePreprocessor",
                "--output-dir", folder, .. notebooks.Where((_, i) => i % 2 == r)], timeoutSeconds: 3600,
                environment: new Dictionary<string, string>(environment) { ["JUPYTER_PATH"] = jupyterPaths[r] })))).GetAwaiter().GetResult();
            return new NbconvertPass(folder, clock.Elapsed.TotalSeconds, null);
        }
        catch (Exception e)
        {
            return new NbconvertPass(folder, clock.Elapsed.TotalSeconds, e);
        }
    }

    // A Jupyter data folder under <paramref name="folder"/> holding setup's .net-csharp kernelspec with another HTTP port range.
    private static string KernelspecWithPortRange(string folder, string range)
    {
        var spec = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, ".deps", "jupyter", "kernels", ".net-csharp", "kernel.json"));
        Assert.Contains("\"2048-3000\"", spec); // the range setup writes (dotnet interactive jupyter install's)
        var kernel = Directory.CreateDirectory(Path.Combine(folder, "jupyter-2", "kernels", ".net-csharp")).FullName;
        File.WriteAllText(Path.Combine(kernel, "kernel.json"), spec.Replace("\"2048-3000\"", $"\"{range}\""));
        return Path.Combine(folder, "jupyter-2");
    }
}

[Collection(BackgroundCollection.Name)]
public sealed class ProjectNotebooksTests(SmokeRunOfProjectNotebooks run, Xunit.Abstractions.ITestOutputHelper log) : IClassFixture<SmokeRunOfProjectNotebooks>
{
    private IEnumerable<(string Name, JsonObject Notebook)> Executed() => run.Notebooks.Select(n => Path.GetFileNameWithoutExtension(n))
        .Select(name => (name, JsonNode.Parse(File.ReadAllText(Path.Combine(run.OutDir, name + ".ipynb")))!.AsObject()));

    [Fact]
    public void EveryNotebook_RunsOnSmokeWithoutError()
    {
        Assert.True(run.Notebooks.Length >= 1);
        var summary = run.Result.Stderr.Split('\n').SkipWhile(l => !l.StartsWith("notebook ", StringComparison.Ordinal));
        log.WriteLine($"researchkit run, {run.Notebooks.Length} notebooks on Smoke: {run.Result.Seconds:0} s\n{string.Join('\n', summary)}");
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
    public void EveryNotebook_RunsOnSmoke_ThroughDotnetInteractivesJupyterKernel()
    {
        var pass = run.Nbconvert;
        if (pass.Failure is not null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(pass.Failure);
        log.WriteLine($"nbconvert on .net-csharp, {run.Notebooks.Length} notebooks on Smoke: {pass.Seconds:0} s");
        var executed = run.Notebooks.Select(n => Path.Combine(pass.Folder, Path.GetFileName(n))).ToArray();
        Nbformat.AssertValid45(executed);
        foreach (var file in executed)
        {
            var name = Path.GetFileNameWithoutExtension(file);
            var cells = JsonNode.Parse(File.ReadAllText(file))!["cells"]!.AsArray().Where(c => (string?)c!["cell_type"] == "code").ToArray();
            log.WriteLine($"  {name}: {Seconds(cells):0.0} s in cells");
            var outputs = cells.SelectMany(c => c!["outputs"]!.AsArray()).Select(o => o!.AsObject()).ToArray();
            Assert.All(cells, c => Assert.NotNull(c!["execution_count"]));
            Assert.All(outputs, o => Assert.True((string?)o["output_type"] != "error", $"{name}: {o.ToJsonString()}"));
            var charts = outputs.Select(o => o["data"]).Where(d => d?["application/vnd.plotly.v1+json"] is not null).ToArray();
            Assert.NotEmpty(charts);
            Assert.All(charts, d =>
            {
                Assert.IsType<JsonObject>(d!["application/vnd.plotly.v1+json"]); // parsed back by rk_nbconvert.py
                Assert.StartsWith("iVBORw0KGgo", MultilineText.Read(d["image/png"])); // base64 of the PNG signature
                Assert.Contains("Plotly.newPlot", MultilineText.Read(d["text/html"]));
            });
            var tables = outputs.Select(o => o["data"]).Where(d => d?["text/csv"] is not null).ToArray();
            Assert.NotEmpty(tables);
            Assert.All(tables, d => Assert.Contains("<table", MultilineText.Read(d!["text/html"])));
        }
    }

    // Seconds from the first cell's start to the last cell's reply, from nbclient's execution metadata.
    private static double Seconds(JsonNode?[] cells)
    {
        var times = cells.Select(c => c!["metadata"]?["execution"]).Where(e => e is not null).ToArray();
        if (times.Length == 0) return double.NaN;
        var first = DateTimeOffset.Parse((string)times[0]!["iopub.execute_input"]!, System.Globalization.CultureInfo.InvariantCulture);
        var last = DateTimeOffset.Parse((string)times[^1]!["shell.execute_reply"]!, System.Globalization.CultureInfo.InvariantCulture);
        return (last - first).TotalSeconds;
    }
}
