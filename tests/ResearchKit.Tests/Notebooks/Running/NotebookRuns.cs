using ResearchKit.Tests.Cli;
using System.Text.Json.Nodes;

namespace ResearchKit.Tests.Notebooks;

/// <summary>Runs each CLI scenario once, on first use, and shares the result between the tests that check it.</summary>
public sealed class NotebookRuns : IDisposable
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "rk-notebooks-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Lazy<ScenarioResult> features;
    private readonly Lazy<ScenarioResult> failing;
    private readonly Lazy<ScenarioResult> stuck;

    public NotebookRuns()
    {
        Directory.CreateDirectory(root);
        PlotlyJs = Path.Combine(root, "fake-plotly.min.js");
        File.WriteAllText(PlotlyJs, "/* stands in for plotly.min.js */\n");
        StuckPidFile = Path.Combine(root, "stuck.pid");
        features = new(() => Scenario("features", ["features.ipynb"],
            ["--preset", "smoke", "-p", "seed=3", "-p", "label=hello world", "-p", "rate=0.25"]));
        failing = new(() => Scenario("failing", ["compile-error.ipynb", "runtime-error.ipynb", "library.ipynb", "trivial-13.ipynb"],
            ["--preset", "smoke"]));
        stuck = new(() => Scenario("stuck", ["chatty.ipynb", "stuck.ipynb"], ["--cell-timeout", "3"]));
    }

    public string PlotlyJs { get; }

    public string StuckPidFile { get; }

    /// <summary>features.ipynb with --preset smoke and three -p overrides.</summary>
    public ScenarioResult Features => features.Value;

    /// <summary>A compile error, a runtime error and two good notebooks, in that order, with --preset smoke.</summary>
    public ScenarioResult Failing => failing.Value;

    /// <summary>Under a 3 s timeout: a cell that talks every 0.5 s for 6 s (chatty), then a cell spinning forever (stuck).</summary>
    public ScenarioResult Stuck => stuck.Value;

    public string NewOutDir() => Path.Combine(root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    private ScenarioResult Scenario(string name, string[] notebooks, string[] options)
    {
        var outDir = Path.Combine(root, name);
        var args = new List<string> { "run" };
        args.AddRange(notebooks.Select(CliProcess.Fixture));
        args.AddRange(options);
        args.AddRange(["--out", outDir]);
        var result = CliProcess.Run(args, new Dictionary<string, string>
        {
            ["RESEARCHKIT_PLOTLYJS"] = PlotlyJs,
            ["STUCK_PID_FILE"] = StuckPidFile,
        });
        return new ScenarioResult(result, outDir);
    }

    public void Dispose()
    {
        try { Directory.Delete(root, recursive: true); }
        catch (IOException) { /* a leftover temp folder is harmless */ }
    }
}

/// <summary>A finished CLI run and the folder it wrote.</summary>
public sealed record ScenarioResult(CliResult Cli, string OutDir)
{
    public JsonObject Notebook(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(OutDir, name + ".ipynb")))!.AsObject();

    public static JsonObject Cell(JsonObject notebook, string id) =>
        notebook["cells"]!.AsArray().Select(c => c!.AsObject()).Single(c => c["id"]!.GetValue<string>() == id);

    public static string Text(JsonNode? multiline) => multiline switch
    {
        JsonArray lines => string.Concat(lines.Select(l => l!.GetValue<string>())),
        null => "",
        _ => multiline.GetValue<string>(),
    };
}
