using System.IO.Compression;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Notebooks;

/// <summary>Runs each CLI scenario once, on first use, and shares the result between the tests that check it. The fixture
/// notebooks run from a temporary folder whose NuGet.config names the repository's local feed (.deps/feed, packed by
/// scripts/setup.sh), as notebooks/NuGet.config does for the project's notebooks; NuGet gets no network.</summary>
public sealed class NotebookRuns : IDisposable
{
    /// <summary>The version of the doctored kit package in the stale feed (see <see cref="StaleFeed"/>).</summary>
    public const string StaleVersion = "0.0.0-stale-feed-test";

    private const string DeadProxy = "http://127.0.0.1:9";
    private readonly string root = Path.Combine(Path.GetTempPath(), "rk-notebooks-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly Lazy<ScenarioResult> features;
    private readonly Lazy<ScenarioResult> failing;
    private readonly Lazy<ScenarioResult> stuck;

    public NotebookRuns()
    {
        Directory.CreateDirectory(root);
        Folder = Path.Combine(root, "notebooks");
        Directory.CreateDirectory(Path.Combine(Folder, "lib"));
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "Notebooks")))
            File.Copy(file, Path.Combine(Folder, Path.GetFileName(file)));
        // features.ipynb's `#r "lib/xunit.assert.dll"`: a path relative to the notebook's folder.
        File.Copy(Path.Combine(AppContext.BaseDirectory, "xunit.assert.dll"), Path.Combine(Folder, "lib", "xunit.assert.dll"));
        WriteNuGetConfig(Folder, Path.Combine(CliProcess.RepoRoot, ".deps", "feed"));
        StaleFeed();
        StuckPidFile = Path.Combine(root, "stuck.pid");
        features = new(() => Scenario("features", ["features.ipynb"],
            ["--preset", "smoke", "-p", "seed=3", "-p", "label=hello world", "-p", "rate=0.25"]));
        failing = new(() => Scenario("failing", ["compile-error.ipynb", "runtime-error.ipynb", "missing-library.ipynb",
            Path.Combine("..", "stale", "stale-kit.ipynb"), "library.ipynb", "trivial-13.ipynb"], ["--preset", "smoke"]));
        stuck = new(() => Scenario("stuck", ["chatty.ipynb", "stuck.ipynb"], ["--cell-timeout", "3"]));
    }

    /// <summary>The folder the fixture notebooks run from.</summary>
    public string Folder { get; }

    /// <summary>The repository's plotly.js (setup installs it), which the kit draws PNGs with and the runner copies.</summary>
    public static string PlotlyJs { get; } = Path.Combine(CliProcess.RepoRoot, ".deps", "node_modules", "plotly.js-dist-min", "plotly.min.js");

    public string StuckPidFile { get; }

    /// <summary>features.ipynb with --preset smoke and three -p overrides.</summary>
    public ScenarioResult Features => features.Value;

    /// <summary>A compile error, a runtime error, a package that does not exist, a stale kit package and two good
    /// notebooks, in that order, with --preset smoke.</summary>
    public ScenarioResult Failing => failing.Value;

    /// <summary>Under a 3 s timeout: a cell that talks every 0.5 s for 6 s and one that updates a display as often
    /// (chatty), then a cell spinning forever (stuck).</summary>
    public ScenarioResult Stuck => stuck.Value;

    public string NewOutDir() => Path.Combine(root, "out-" + Guid.NewGuid().ToString("N")[..8]);

    /// <summary>The fixture notebook <paramref name="name"/> in the folder the scenarios run it from.</summary>
    public string Notebook(string name) => Path.Combine(Folder, name);

    /// <summary>The environment every scenario runs with: plotly.js, the stuck cell's pid file, and no network.</summary>
    public Dictionary<string, string> Environment() => new()
    {
        ["RESEARCHKIT_PLOTLYJS"] = PlotlyJs,
        ["STUCK_PID_FILE"] = StuckPidFile,
        ["http_proxy"] = DeadProxy, ["https_proxy"] = DeadProxy, ["HTTP_PROXY"] = DeadProxy, ["HTTPS_PROXY"] = DeadProxy,
        ["no_proxy"] = "127.0.0.1,localhost", ["NO_PROXY"] = "127.0.0.1,localhost",
    };

    private ScenarioResult Scenario(string name, string[] notebooks, string[] options)
    {
        var outDir = Path.Combine(root, name);
        var args = new List<string> { "run" };
        args.AddRange(notebooks.Select(n => Path.GetFullPath(Path.Combine(Folder, n))));
        args.AddRange(options);
        args.AddRange(["--out", outDir]);
        return new ScenarioResult(CliProcess.Run(args, Environment(), timeoutSeconds: 300), outDir);
    }

    // stale/stale-kit.ipynb loads ResearchKit StaleVersion from stale/feed: the real package with another build's dll
    // (ResearchKit.Notebooks.dll under the kit's name), as a feed left from an older build would hold.
    private void StaleFeed()
    {
        var folder = Path.Combine(root, "stale");
        var feed = Path.Combine(folder, "feed");
        Directory.CreateDirectory(feed);
        File.Move(Path.Combine(Folder, "stale-kit.ipynb"), Path.Combine(folder, "stale-kit.ipynb"));
        WriteNuGetConfig(folder, feed);
        var version = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, ".deps", "feed", "researchkit.version")).Trim();
        var package = Path.Combine(feed, $"ResearchKit.{StaleVersion}.nupkg");
        File.Copy(Path.Combine(CliProcess.RepoRoot, ".deps", "feed", $"ResearchKit.{version}.nupkg"), package);
        using var zip = ZipFile.Open(package, ZipArchiveMode.Update);
        var nuspec = zip.GetEntry("ResearchKit.nuspec")!;
        string text;
        using (var reader = new StreamReader(nuspec.Open())) text = reader.ReadToEnd();
        nuspec.Delete();
        using (var writer = new StreamWriter(zip.CreateEntry("ResearchKit.nuspec").Open()))
            writer.Write(Regex.Replace(text, "<version>[^<]*</version>", $"<version>{StaleVersion}</version>"));
        zip.GetEntry("lib/net10.0/ResearchKit.dll")!.Delete();
        zip.CreateEntryFromFile(Path.Combine(AppContext.BaseDirectory, "ResearchKit.Notebooks.dll"), "lib/net10.0/ResearchKit.dll");
    }

    private static void WriteNuGetConfig(string folder, string feed) => File.WriteAllText(Path.Combine(folder, "NuGet.config"), $"""
        <?xml version="1.0" encoding="utf-8"?>
        <configuration>
          <packageSources>
            <add key="researchkit-test" value="{feed}" />
          </packageSources>
        </configuration>
        """);

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
