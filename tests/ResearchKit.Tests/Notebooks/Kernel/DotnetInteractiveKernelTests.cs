using System.Diagnostics;
using System.IO.Compression;
using System.Text.Json.Nodes;
using ResearchKit.Tests.Cli;
using Xunit.Abstractions;

namespace ResearchKit.Tests.Notebooks.Kernel;

/// <summary>
/// dotnet-interactive's own Jupyter kernel (the `.net-csharp` kernelspec that scripts/setup.sh writes into .deps/jupyter)
/// loading the kit from the package setup packs into .deps/feed, executed headless by Debian's nbconvert.
/// </summary>
public sealed class DotnetInteractiveKernelTests(ITestOutputHelper log) : IDisposable
{
    private static readonly string Deps = Path.Combine(CliProcess.RepoRoot, ".deps");
    private static readonly string Feed = Path.Combine(Deps, "feed");
    private const string DeadProxy = "http://127.0.0.1:9";
    private readonly string folder = Directory.CreateTempSubdirectory("rk-dotnet-interactive-").FullName;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Fact]
    public void Nbconvert_OnNetCsharp_LoadsTheKitPackage_AndShowsItsChartFrameCheckListVerdictTorchAndStatusLine()
    {
        string version = PackedVersion();
        string notebook = WriteNotebook(
            $"#i \"nuget: {Feed}\"\n#r \"nuget: ResearchKit, {version}\"",
            "ResearchKit.Charts.ChartStyle.Apply(Plotly.NET.CSharp.Chart.Line<double, double, string>(\n" +
            "    new double[] { 0, 1, 2 }, new double[] { 1, 4, 9 }, Name: \"squares\"), title: \"squares\")",
            "ResearchKit.Tables.Table.FromRows(new[] { \"k\", \"value\" }, new[] { new object[] { 1, 0.5 }, new object[] { 2, 0.25 } })",
            "new ResearchKit.Repro.CheckList(\"demo\").Near(\"ratio\", 0.5, 0.5, 0.01)",
            "ResearchKit.Claims.Verdict.Untested(\"demo claim\", \"no run\")",
            "Console.WriteLine(TorchSharp.torch.ones(2, 3).sum().item<float>());",
            "for (int i = 1; i <= 3; i++) ResearchKit.Repro.NotebookHost.StatusLine!($\"step {i} of 3\");\n" +
            "ResearchKit.Repro.NotebookHost.ThrowIfInterrupted();\nConsole.WriteLine(AppContext.GetData(ResearchKit.Repro.NotebookHost.InterruptCheckKey) is Action);");

        var clock = Stopwatch.StartNew();
        var executed = Execute(notebook);
        log.WriteLine($"nbconvert on .net-csharp: {clock.Elapsed.TotalSeconds:0.0} s for {Path.GetFileName(notebook)}");

        Nbformat.AssertValid45([executed]);
        var cells = JsonNode.Parse(File.ReadAllText(executed))!["cells"]!.AsArray().Select(c => c!.AsObject()).ToArray();
        Assert.Equal([1, 2, 3, 4, 5, 6, 7], cells.Select(c => (int)c["execution_count"]!));
        var outputs = cells.Select(c => c["outputs"]!.AsArray().Select(o => o!.AsObject()).ToArray()).ToArray();
        Assert.All(outputs.SelectMany(o => o), o => Assert.True((string)o["output_type"]! != "error", o.ToJsonString()));

        // 1. The package's extension ran (it binds FSharp.Core and registers the formatters the next cells show).
        Assert.Contains(outputs[0], o => Plain(o).StartsWith("Loading extension script from `") &&
            Plain(o).Contains($"/researchkit/{version.ToLowerInvariant()}/interactive-extensions/dotnet/extension.dib"));
        Assert.DoesNotContain(outputs[0], o => ScenarioResult.Text(o["data"]?["text/html"]).Contains("dotnet-interactive-this-cell"));
        // The kernel reports an extension that does not compile only as stderr text in the loading cell, not as an error.
        Assert.DoesNotContain(outputs[0], o => (string)o["output_type"]! == "stream");

        // 2. The chart: the plotly figure as a JSON object (rk_nbconvert.py parses the string the kernel sends), its PNG, its HTML.
        var chart = Assert.Single(outputs[1]).AsObject();
        Assert.Equal("execute_result", (string)chart["output_type"]!);
        var data = chart["data"]!.AsObject();
        Assert.Equal(["application/vnd.plotly.v1+json", "image/png", "text/html", "text/plain"], data.Select(kv => kv.Key).Order());
        var trace = Assert.IsType<JsonObject>(data["application/vnd.plotly.v1+json"])["data"]![0]!;
        Assert.Equal(("scatter", "squares"), ((string)trace["type"]!, (string)trace["name"]!));
        Assert.Equal([0.0, 1, 2], trace["x"]!.AsArray().Select(v => (double)v!));
        Assert.Equal([1.0, 4, 9], trace["y"]!.AsArray().Select(v => (double)v!));
        var png = Convert.FromBase64String((string)data["image/png"]!);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        Assert.Equal((ResearchKit.Charts.ChartStyle.Width, ResearchKit.Charts.ChartStyle.Height), PngSize(png));
        Assert.Contains("Plotly.newPlot", ScenarioResult.Text(data["text/html"]));
        Assert.Equal("Chart: 1 trace, \"squares\"", Plain(chart));

        // 3. The frame: an HTML table and its CSV.
        var frame = Assert.Single(outputs[2])["data"]!;
        Assert.Contains("<table", ScenarioResult.Text(frame["text/html"]));
        Assert.Equal("k,value\n1,0.5\n2,0.25\n", ScenarioResult.Text(frame["text/csv"]));

        // 4. A kit type with its own ToDisplayData(): the check list as table, CSV and summary.
        var checks = Assert.Single(outputs[3])["data"]!;
        Assert.Contains("<table", ScenarioResult.Text(checks["text/html"]));
        Assert.Equal("check,measured,expected,holds\nratio,0.5000,0.5000 ± 0.01,yes\n", ScenarioResult.Text(checks["text/csv"]));
        Assert.StartsWith("demo: 1 of 1 checks hold\n", ScenarioResult.Text(checks["text/plain"]));

        // 5. A kit type that adds its own mime type (Verdict.MimeType), parsed into an object like the plotly figure.
        var verdict = Assert.Single(outputs[4])["data"]!.AsObject();
        Assert.Equal(["application/vnd.researchkit.verdict+json", "text/csv", "text/html", "text/plain"], verdict.Select(kv => kv.Key).Order());
        var json = Assert.IsType<JsonObject>(verdict[ResearchKit.Claims.Verdict.MimeType]);
        Assert.Equal(("demo claim", "inconclusive", "untested: no run"), ((string)json["claim"]!, (string)json["outcome"]!, (string)json["evidence"]!));

        // 6. TorchSharp's libtorch loads in the kernel.
        var torch = Assert.Single(outputs[5]);
        Assert.Equal(("stream", "stdout", "6\n"), ((string)torch["output_type"]!, (string)torch["name"]!, ScenarioResult.Text(torch["text"])));

        // 7. The host hooks the extension sets: the status line is one display updated in place (the notebook keeps its
        //    last state, not three outputs), and the interrupt check is there (a no-op while the cell is not cancelled).
        Assert.Equal(2, outputs[6].Length);
        Assert.Equal(("display_data", "step 3 of 3"), ((string)outputs[6][0]["output_type"]!, Plain(outputs[6][0])));
        Assert.Equal(("stream", "True\n"), ((string)outputs[6][1]["output_type"]!, ScenarioResult.Text(outputs[6][1]["text"])));
    }

    // The version setup packed, after checking that the package holds the library this test run was built with (a
    // package older than the build would test old code: setup packs again).
    private static string PackedVersion()
    {
        string versionFile = Path.Combine(Feed, "researchkit.version");
        Assert.True(File.Exists(versionFile), $"{versionFile} is missing: run scripts/setup.sh");
        string version = File.ReadAllText(versionFile).Trim();
        string package = Path.Combine(Feed, $"ResearchKit.{version}.nupkg");
        Assert.True(File.Exists(package), $"{package} is missing: run scripts/setup.sh");
        using var zip = ZipFile.OpenRead(package);
        Assert.NotNull(zip.GetEntry("interactive-extensions/dotnet/extension.dib"));
        using var packed = new MemoryStream();
        using (var dll = zip.GetEntry("lib/net10.0/ResearchKit.dll")!.Open()) dll.CopyTo(packed);
        string built = Path.Combine(CliProcess.RepoRoot, "artifacts", "bin", "ResearchKit", "release", "ResearchKit.dll");
        Assert.True(packed.ToArray().AsSpan().SequenceEqual(File.ReadAllBytes(built)),
            $"{package} holds another ResearchKit.dll than {built}: run scripts/setup.sh to pack this build");
        return version;
    }

    // An nbformat 4.5 notebook of C# code cells for the .net-csharp kernel, in the temp folder.
    private string WriteNotebook(params string[] sources)
    {
        var cells = new JsonArray(sources.Select((source, i) => (JsonNode)new JsonObject
        {
            ["cell_type"] = "code", ["id"] = $"cell-{i + 1}", ["metadata"] = new JsonObject(), ["execution_count"] = null,
            ["outputs"] = new JsonArray(), ["source"] = source,
        }).ToArray());
        var notebook = new JsonObject
        {
            ["nbformat"] = 4, ["nbformat_minor"] = 5, ["cells"] = cells,
            ["metadata"] = new JsonObject
            {
                ["kernelspec"] = new JsonObject { ["name"] = ".net-csharp", ["display_name"] = ".NET (C#)", ["language"] = "C#" },
                ["language_info"] = new JsonObject { ["name"] = "C#" },
            },
        };
        string path = Path.Combine(folder, "kit.ipynb");
        File.WriteAllText(path, notebook.ToJsonString());
        return path;
    }

    // nbconvert --execute through the repository's .net-csharp kernelspec, with scripts/rk_nbconvert.py's preprocessor.
    private string Execute(string notebook)
    {
        string output = Path.Combine(folder, "kit.out.ipynb");
        PythonProcess.RunModule("nbconvert", [
            "--to", "notebook", "--execute", "--ExecutePreprocessor.kernel_name=.net-csharp", "--ExecutePreprocessor.timeout=180",
            "--NotebookExporter.preprocessors=rk_nbconvert.JsonMimePreprocessor", notebook, "--output", output],
            timeoutSeconds: 300, environment: new Dictionary<string, string>
            {
                ["JUPYTER_PATH"] = Path.Combine(Deps, "jupyter"),
                ["PYTHONPATH"] = Path.Combine(CliProcess.RepoRoot, "scripts"),
                // The notebook lies outside the checkout, where the kit would not find plotly.js for the PNG.
                ["RESEARCHKIT_PLOTLYJS"] = Path.Combine(Deps, "node_modules", "plotly.js-dist-min", "plotly.min.js"),
                ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1",
                ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1",
                // No network: every HTTP request but those to this machine (the kernel's own API, Chromium's DevTools)
                // goes to a closed port, so #r "nuget:" must find the kit in the feed and its dependencies in the cache.
                ["http_proxy"] = DeadProxy, ["https_proxy"] = DeadProxy, ["HTTP_PROXY"] = DeadProxy, ["HTTPS_PROXY"] = DeadProxy,
                ["no_proxy"] = "127.0.0.1,localhost", ["NO_PROXY"] = "127.0.0.1,localhost",
                // Deedle 8.1 asks for FSharp.Core [10.1.201, 11.0.0); 10.1.201 was never published, so NuGet lists
                // FSharp.Core's versions on nuget.org (its HTTP cache answers for 30 minutes). This MSBuild property,
                // read from the environment by the kernel's restore, makes the unreachable source a warning (NU1801),
                // and the range is then met from the cache.
                ["RestoreIgnoreFailedSources"] = "true",
            });
        return output;
    }

    private static string Plain(JsonObject output) => ScenarioResult.Text(output["data"]?["text/plain"]);

    // Width and height from the PNG's IHDR chunk (big-endian, at bytes 16-23).
    private static (int Width, int Height) PngSize(byte[] png) =>
        (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
}
