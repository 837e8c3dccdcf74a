using ResearchKit.Notebooks.Reports;
using ResearchKit.Tests.Cli;
using System.Diagnostics;
using System.Text.Json.Nodes;
using static ResearchKit.Tests.Notebooks.ScenarioResult;

namespace ResearchKit.Tests.Notebooks;

/// <summary>End-to-end checks of `researchkit run` on the fixture notebooks (one CLI run per scenario, shared).</summary>
public sealed partial class NotebookRunnerTests(NotebookRuns runs) : IClassFixture<NotebookRuns>
{
    // For the other parts of the class (a primary constructor's parameters are in scope in this part only).
    private NotebookRuns Runs => runs;

    [Fact]
    public void CellsShareState_AndTrailingExpressionBecomesExecuteResult()
    {
        var nb = runs.Features.Notebook("features");
        var state = Cell(nb, "state");
        var outputs = state["outputs"]!.AsArray();
        Assert.Equal(["display_data", "stream", "execute_result"], outputs.Select(o => o!["output_type"]!.GetValue<string>()));
        // .NET Interactive's own formatters: an array as HTML, a string as plain text.
        Assert.Contains("<pre>[ 1, 2, 3 ]</pre>", Text(outputs[0]!["data"]!["text/html"]));
        Assert.Equal("after display\n", Text(outputs[1]!["text"]));
        // counter = seed * 10 in an earlier cell, + 1 here, with seed injected as 3.
        Assert.Equal("counter=31", Text(outputs[2]!["data"]!["text/plain"]));
        Assert.Equal(state["execution_count"]!.GetValue<int>(), outputs[2]!["execution_count"]!.GetValue<int>());
        Assert.Equal(0, runs.Features.Cli.ExitCode);
    }

    [Fact]
    public void HashR_ResolvesRelativeToTheNotebookFolder()
    {
        var outputs = Cell(runs.Features.Notebook("features"), "hash-r")["outputs"]!.AsArray();
        Assert.Equal(Path.Combine(runs.Folder, "lib", "xunit.assert.dll"), Text(Assert.Single(outputs)!["data"]!["text/plain"]));
    }

    [Fact]
    public void TheKitPackage_LoadsFromTheLocalFeed_AndRunsItsExtension()
    {
        var outputs = Cell(runs.Features.Notebook("features"), "setup")["outputs"]!.AsArray();
        var version = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, ".deps", "feed", "researchkit.version")).Trim();
        Assert.Contains(outputs, o => Text(o!["data"]?["text/html"]).Contains($"<span>ResearchKit, {version}</span>"));
        Assert.Contains(outputs, o => Text(o!["data"]?["text/plain"]).StartsWith("Loading extension script from `", StringComparison.Ordinal)
            && Text(o!["data"]?["text/plain"]).EndsWith($"/researchkit/{version.ToLowerInvariant()}/interactive-extensions/dotnet/extension.dib`", StringComparison.Ordinal));
    }

    [Fact]
    public void AChart_ShowsAsPlotlyJsonObjectPngAndHtml_AndATable_AsHtmlAndCsv()
    {
        var nb = runs.Features.Notebook("features");
        var charts = Cell(nb, "figures")["outputs"]!.AsArray().Select(o => o!.AsObject()).ToArray();
        Assert.Equal(["display_data", "execute_result"], charts.Select(o => o["output_type"]!.GetValue<string>()));
        Assert.All(charts, chart =>
        {
            var data = chart["data"]!.AsObject();
            Assert.Equal(["application/vnd.plotly.v1+json", "image/png", "text/html", "text/plain"], data.Select(kv => kv.Key).Order());
            Assert.IsType<JsonObject>(data["application/vnd.plotly.v1+json"]);
            Assert.StartsWith("iVBORw0KGgo", data["image/png"]!.GetValue<string>()); // one base64 string: the PNG signature
            Assert.Contains("Plotly.newPlot", Text(data["text/html"]));
        });
        var table = Assert.Single(Cell(nb, "table")["outputs"]!.AsArray())!["data"]!.AsObject();
        Assert.Equal(["text/csv", "text/html", "text/plain"], table.Select(kv => kv.Key).Order());
        Assert.Contains("<table", Text(table["text/html"]));
        Assert.Equal("k,value\n1,0.5\n2,0.25\n", Text(table["text/csv"]));
    }

    [Fact]
    public void AnUpdatedDisplay_KeepsItsLastValue_EvenWhenALaterCellUpdatesIt()
    {
        var nb = runs.Features.Notebook("features");
        var shown = Assert.Single(Cell(nb, "status")["outputs"]!.AsArray())!;
        Assert.Equal("display_data", shown["output_type"]!.GetValue<string>());
        Assert.Equal("epoch 3 of 3: done", Text(shown["data"]!["text/plain"]));
        Assert.Empty(Cell(nb, "later")["outputs"]!.AsArray());
    }

    [Fact]
    public void AVerdictDisplayedByANotebook_IsCollectedIntoOutAndTheIndex()
    {
        var outDir = runs.Failing.OutDir;
        var verdict = JsonNode.Parse(File.ReadAllText(Path.Combine(outDir, "library", "verdict.json")))!;
        Assert.Equal("reproduced", (string?)verdict["outcome"]);
        Assert.Equal("demo claim", (string?)verdict["claim"]);
        var rows = IndexPage.ReadRows(outDir);
        Assert.Equal("reproduced", rows.Single(r => r.Name == "library").Verdict!.Outcome);
        Assert.Null(rows.Single(r => r.Name == "trivial-13").Verdict);
        Assert.Contains("<b>reproduced</b>", File.ReadAllText(Path.Combine(outDir, "index.html")));
        // The README's status column comes from those rows.
        var readme = string.Join('\n', "# x", ReadmeStatus.Start, "| notebook | reproduces | status |", "|---|---|---|",
            "| [NB library](notebooks/library.ipynb) | a demo \\| with a pipe | typed \\| by hand |", "| [trivial-13](notebooks/trivial-13.ipynb) | none | typed |",
            "| [other](notebooks/other.ipynb) | none | typed |", ReadmeStatus.End, "");
        var lines = ReadmeStatus.Update(readme, rows).Split('\n');
        // Found by the linked file, not the link text; escaped pipes in a cell are not cell borders.
        Assert.StartsWith("| [NB library](notebooks/library.ipynb) | a demo \\| with a pipe | **reproduced** (`smoke`, ", lines[4]);
        Assert.Equal(lines[4], ReadmeStatus.Update(string.Join('\n', lines), rows).Split('\n')[4]); // idempotent
        Assert.EndsWith(": the check holds: a check (1)) |", lines[4]);
        Assert.Contains("| ran ok, no verdict displayed (`smoke`, ", lines[5]);
        Assert.EndsWith("| none | not run into this out/ folder |", lines[6]);
        Assert.Throws<InvalidDataException>(() => ReadmeStatus.Update("# no table\n", rows));
    }

    [Fact]
    public void ParametersCell_IsFollowedByInjectedCellWithPresetAndOverrides()
    {
        var nb = runs.Features.Notebook("features");
        var cells = nb["cells"]!.AsArray();
        var injected = cells[3]!.AsObject();
        Assert.Equal("params", cells[2]!["id"]!.GetValue<string>());
        Assert.Equal("injected-parameters", injected["metadata"]!["tags"]![0]!.GetValue<string>());
        Assert.Equal("// Parameters injected by `researchkit run`.\npreset = Mode.Smoke;\nseed = 3;\n" +
                     "label = \"hello world\";\nrate = 0.25;", Text(injected["source"]));
        var printed = Text(Cell(nb, "use-params")["outputs"]![0]!["text"]);
        Assert.Equal("preset=Smoke seed=3 label=hello world rate=0.25\n", printed);
        var meta = nb["metadata"]!["researchkit"]!;
        Assert.Equal("smoke", meta["preset"]!.GetValue<string>());
        Assert.Equal("3", meta["parameters"]!["seed"]!.GetValue<string>());
    }

    [Fact]
    public void ExecutedNotebook_HasPolyglotMetadataIdsAndTiming()
    {
        var nb = runs.Features.Notebook("features");
        Assert.Equal(5, nb["nbformat_minor"]!.GetValue<int>());
        Assert.Equal(".net-csharp", nb["metadata"]!["kernelspec"]!["name"]!.GetValue<string>());
        Assert.Equal("polyglot-notebook", nb["metadata"]!["language_info"]!["name"]!.GetValue<string>());
        var cells = nb["cells"]!.AsArray().Select(c => c!.AsObject()).ToList();
        Assert.Equal("cell-0", cells[0]["id"]!.GetValue<string>());
        var last = cells[^1];
        Assert.Equal("csharp", last["metadata"]!["polyglot_notebook"]!["kernelName"]!.GetValue<string>());
        Assert.Equal("no trailing value\n", Text(Assert.Single(last["outputs"]!.AsArray())!["text"]));
        var codeCells = cells.Where(c => c["cell_type"]!.GetValue<string>() == "code").ToList();
        Assert.Equal(Enumerable.Range(1, codeCells.Count), codeCells.Select(c => c["execution_count"]!.GetValue<int>()));
        Assert.All(codeCells, c => Assert.NotNull(c["metadata"]!["execution"]!["shell.execute_reply"]));
    }

    [Fact]
    public void PlotlyOutputs_AreSavedAsJsonPngAndHtml_AndIndexLinksThem()
    {
        var dir = runs.Features.OutDir;
        foreach (var k in new[] { 0, 1 })
        {
            var stem = Path.Combine(dir, "features", $"fig-7-{k}");
            var figure = JsonNode.Parse(File.ReadAllText(stem + ".json"))!;
            Assert.Equal(k == 0 ? "first" : "second", figure["layout"]!["title"]!["text"]!.GetValue<string>());
            Assert.Equal([0x89, (byte)'P', (byte)'N', (byte)'G'], File.ReadAllBytes(stem + ".png")[..4]);
            Assert.Contains("<script src=\"../plotly.min.js\"></script>", File.ReadAllText(stem + ".html"));
        }
        Assert.Equal(File.ReadAllBytes(NotebookRuns.PlotlyJs), File.ReadAllBytes(Path.Combine(dir, "plotly.min.js")));
        var index = File.ReadAllText(Path.Combine(dir, "index.html"));
        Assert.Contains("href=\"features.ipynb\"", index);
        Assert.Contains("href=\"features/fig-7-1.html\"", index);
        Assert.Contains("href=\"features.html\"", index);
        var page = File.ReadAllText(Path.Combine(dir, "features.html"));
        Assert.Contains("<script src=\"plotly.min.js\"></script>", page);
        Assert.Equal(2, page.Split("Plotly.newPlot(").Length - 1);
    }

    [Fact]
    public void CompileError_NamesCellIdLineAndColumn()
    {
        var error = Cell(runs.Failing.Notebook("compile-error"), "bad-compile")["outputs"]![0]!;
        Assert.Equal("CompilationError", error["ename"]!.GetValue<string>());
        Assert.StartsWith("cell 1 (id bad-compile), line 3, col 9: error CS0103:", error["evalue"]!.GetValue<string>());
        var after = Cell(runs.Failing.Notebook("compile-error"), "after");
        Assert.Empty(after["outputs"]!.AsArray());
        Assert.Null(after["execution_count"]);
    }

    [Fact]
    public void RuntimeException_IsReportedWithItsTypeMessageAndCell()
    {
        var cell = Cell(runs.Failing.Notebook("runtime-error"), "bad-run");
        var outputs = cell["outputs"]!.AsArray();
        Assert.Equal("2\n", Text(outputs[0]!["text"]));
        var error = outputs[1]!;
        Assert.Equal("System.InvalidOperationException", error["ename"]!.GetValue<string>());
        // .NET Interactive compiles cells without line information, so the frame names the cell only.
        Assert.Equal("boom at three (at cell 1 (id bad-run))", error["evalue"]!.GetValue<string>());
    }

    [Fact]
    public void FailingNotebooks_DoNotStopTheNext_AndExitCodeIsOne()
    {
        var run = runs.Failing;
        Assert.Equal(1, run.Cli.ExitCode);
        Assert.Equal("ok", run.Notebook("trivial-13")["metadata"]!["researchkit"]!["status"]!.GetValue<string>());
        // The summary: one line per notebook, its reason on the same line.
        var table = run.Cli.Stderr.Split('\n');
        string Row(string name) => Assert.Single(table, l => System.Text.RegularExpressions.Regex.IsMatch(l, $@"^{name}\s+(ok|FAILED)\b"));
        Assert.Matches(@"^compile-error\s+FAILED\s+1\s+[\d.]+\s+CompilationError: cell 1 \(id bad-compile\), line 3, col 9: error CS0103:", Row("compile-error"));
        Assert.Matches(@"^runtime-error\s+FAILED\s+1\s+[\d.]+\s+System.InvalidOperationException: boom at three \(at cell 1 \(id bad-run\)\)$", Row("runtime-error"));
        Assert.Matches(@"^missing-library\s+FAILED\s+0\s+[\d.]+\s+PackageRestoreError: cell 0 \(id load\): error NU1101: Unable to find package NoSuchPackage\.", Row("missing-library"));
        Assert.Matches(@"^stale-kit\s+FAILED\s+0\s+[\d.]+\s+StaleKitPackage: cell 0 \(id load\): ResearchKit " + NotebookRuns.StaleVersion +
                       @" is not this researchkit's build \(a stale feed\): run scripts/setup.sh", Row("stale-kit"));
        var stale = Assert.Single(Cell(run.Notebook("stale-kit"), "load")["outputs"]!.AsArray(), o => (string?)o!["output_type"] == "error")!;
        Assert.EndsWith($"/researchkit/{NotebookRuns.StaleVersion}/lib/net10.0/ResearchKit.dll; researchkit's: " +
                        Path.Combine(Path.GetDirectoryName(CliProcess.Executable)!, "ResearchKit.dll") + ")", stale["evalue"]!.GetValue<string>());
        Assert.Matches(@"^library\s+ok", Row("library"));
        Assert.Matches(@"^trivial-13\s+ok", Row("trivial-13"));
        Assert.Contains("4 of 6 notebook(s) failed", run.Cli.Stderr);
        Assert.Contains("note: " + runs.Notebook("trivial-13.ipynb") + ": no `preset` parameter; --preset smoke ignored",
            run.Cli.Stderr);
    }

    [Fact]
    public void StuckCell_IsKilledByTheTimeout_WithItsChildProcesses()
    {
        var run = runs.Stuck;
        Assert.Equal(1, run.Cli.ExitCode);
        var nb = run.Notebook("stuck");
        Assert.Equal("spinning\n", Text(Cell(nb, "start-child")["outputs"]![0]!["text"]));
        var error = Cell(nb, "spin")["outputs"]![0]!;
        Assert.Equal("CellTimeoutError", error["ename"]!.GetValue<string>());
        Assert.Matches(@"(?m)^stuck\s+FAILED\s+1\s+[\d.]+\s+CellTimeoutError: cell 1 \(id spin\) ran 3 s without finishing", run.Cli.Stderr);
        Assert.Equal("cell 1 (id spin) ran 3 s without finishing or writing output; the worker and its child processes were killed",
            error["evalue"]!.GetValue<string>());
        Assert.Empty(Cell(nb, "after")["outputs"]!.AsArray());
        var pid = int.Parse(File.ReadAllText(runs.StuckPidFile));
        Assert.True(WaitUntilGone(pid), $"the `sleep` child {pid} of the stuck cell is still running");
        // No wall-clock bound here (flaky on a loaded machine): CliProcess fails the run after 120 s, far below the
        // 600 s default cell timeout, so finishing at all shows the 3 s timeout fired.
    }

    [Fact]
    public void CellThatKeepsWritingOutput_OutlivesTheTimeout()
    {
        var nb = runs.Stuck.Notebook("chatty"); // 6 s of work under the 3 s timeout, a line every 0.5 s
        var outputs = Cell(nb, "talk")["outputs"]!.AsArray();
        Assert.DoesNotContain(outputs, o => o!["output_type"]!.GetValue<string>() == "error");
        Assert.EndsWith("step 11\ndone\n", string.Concat(outputs.Select(o => Text(o!["text"]))));
        Assert.Matches(@"chatty\s+ok", runs.Stuck.Cli.Stderr);
    }

    [Fact]
    public void CellThatKeepsUpdatingADisplay_OutlivesTheTimeout()
    {
        var nb = runs.Stuck.Notebook("chatty"); // 6 s of display updates under the 3 s timeout, nothing printed
        var shown = Assert.Single(Cell(nb, "update")["outputs"]!.AsArray())!;
        Assert.Equal("tick 12", Text(shown["data"]!["text/plain"]));
    }

    [Fact]
    public void ExecutedNotebooks_ValidateAsNbformat45_WithPythonNbformat()
    {
        var files = new[] { runs.Features.OutDir, runs.Failing.OutDir, runs.Stuck.OutDir }
            .SelectMany(d => Directory.GetFiles(d, "*.ipynb")).ToList();
        Assert.Equal(9, files.Count);
        Nbformat.AssertValid45(files);
    }

    [Fact]
    public void InvalidJsonNotebook_FailsItsRowWithOneLine_AndTheOthersStillRun()
    {
        var outDir = runs.NewOutDir();
        var broken = runs.Notebook("invalid-json.ipynb");
        var result = CliProcess.Run(["run", broken, runs.Notebook("trivial-13.ipynb"), "--out", outDir], runs.Environment());
        Assert.Equal(1, result.ExitCode);
        var lines = result.Stderr.Split('\n');
        Assert.Contains(lines, l => l.StartsWith($"researchkit: {broken}: not a notebook: invalid JSON at line 4 (", StringComparison.Ordinal));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^invalid-json\s+FAILED\s+0\.00\s+not a notebook: invalid JSON at line 4 \("));
        Assert.Contains(lines, l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^trivial-13\s+ok"));
        Assert.Contains("1 of 2 notebook(s) failed", result.Stderr);
        Assert.True(File.Exists(Path.Combine(outDir, "trivial-13.ipynb")));
        Assert.False(File.Exists(Path.Combine(outDir, "invalid-json.ipynb")));
        Assert.Equal(["trivial-13"], IndexPage.ReadRows(outDir).Select(r => r.Name));
    }

    [Fact]
    public void UnknownParameter_IsRejectedBeforeRunning_ListingTheDeclaredOnes()
    {
        var outDir = runs.NewOutDir();
        var result = CliProcess.Run(["run", runs.Notebook("features.ipynb"), "-p", "sead=3", "--out", outDir]);
        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal($"researchkit: {runs.Notebook("features.ipynb")}: unknown parameter 'sead'; " +
                     "the parameters cell declares: preset, seed, label, rate", line);
        Assert.False(Directory.Exists(outDir));
    }

    [Fact]
    public void RunsOfOneNotebookIntoAFolder_KeepTheIndexRowsOfTheOthers()
    {
        var outDir = runs.NewOutDir();
        string Run(string notebook, string preset) =>
            CliProcess.Run(["run", runs.Notebook(notebook), "--preset", preset, "--out", outDir], runs.Environment()).Stderr;
        string[] Rows() => File.ReadAllText(Path.Combine(outDir, "index.html")).Split("<tr>").Skip(2).ToArray();

        Run("trivial-13.ipynb", "smoke");
        Run("compile-error.ipynb", "quick");
        var two = Rows();
        Assert.Equal(2, two.Length);
        Assert.Contains("href=\"compile-error.ipynb\"", two[0]);
        Assert.Contains("failed at cell", two[0]);
        Assert.Contains("quick, ", two[0]);
        Assert.Contains("href=\"trivial-13.ipynb\"", two[1]);
        Assert.Contains("class=\"ok\"", two[1]);
        Assert.Contains("smoke, ", two[1]);

        // A hand-edited index.json: a row without a notebook is dropped, one without figures is shown without them.
        File.WriteAllText(Path.Combine(outDir, "index.json"),
            "[{\"Name\": \"ghost\"}, {\"Name\": \"compile-error\", \"Notebook\": \"compile-error.ipynb\", \"Ok\": false}]");
        Run("trivial-13.ipynb", "quick");
        var edited = Rows();
        Assert.Equal(2, edited.Length);
        Assert.Contains("href=\"compile-error.ipynb\"", edited[0]);
        Assert.DoesNotContain("ghost", string.Concat(edited));

        // A rerun replaces its own row; a row whose executed notebook was deleted is dropped.
        File.Delete(Path.Combine(outDir, "compile-error.ipynb"));
        Run("trivial-13.ipynb", "paper");
        var one = Assert.Single(Rows());
        Assert.Contains("href=\"trivial-13.ipynb\"", one);
        Assert.Contains("paper, ", one);
        Assert.Single(IndexPage.ReadRows(outDir));
    }

    [Fact]
    public void AWorkerWhoseRunnerIsKilled_StopsWithTheProcessesItsCellsStarted()
    {
        var pidFile = runs.NewOutDir() + ".pid";
        var psi = new System.Diagnostics.ProcessStartInfo(CliProcess.Executable)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var a in new[] { "run", runs.Notebook("stuck.ipynb"), "--out", runs.NewOutDir() }) psi.ArgumentList.Add(a);
        foreach (var (k, v) in runs.Environment()) psi.Environment[k] = v;
        psi.Environment["STUCK_PID_FILE"] = pidFile;
        using var runner = System.Diagnostics.Process.Start(psi)!;
        _ = runner.StandardOutput.ReadToEndAsync();
        _ = runner.StandardError.ReadToEndAsync();
        try
        {
            // The stuck notebook's first cell starts `sleep 300` and writes its pid; the next cell spins forever.
            var sleep = 0;
            for (var i = 0; i < 1200 && sleep == 0; i++)
            {
                if (!File.Exists(pidFile) || !int.TryParse(File.ReadAllText(pidFile), out sleep)) Thread.Sleep(100);
            }
            Assert.True(sleep > 0, "the stuck notebook never started its child");
            var worker = ParentOf(sleep);
            Assert.Equal(runner.Id, ParentOf(worker));

            runner.Kill(); // SIGKILL to the runner alone: it gets no chance to end its worker
            runner.WaitForExit();

            Assert.True(WaitUntilGone(worker), $"the worker {worker} of the killed runner is still running");
            Assert.True(WaitUntilGone(sleep), $"the `sleep` child {sleep} of the orphaned worker is still running");
        }
        finally
        {
            if (!runner.HasExited) runner.Kill(entireProcessTree: true);
        }
    }

    private static int ParentOf(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[1]);
    }

    private static bool WaitUntilGone(int pid)
    {
        for (var i = 0; i < 200; i++) // up to 20 s: process teardown is slow when the machine is busy
        {
            var stat = $"/proc/{pid}/stat";
            // Gone, or a zombie waiting for init to reap it: either way it no longer runs.
            if (!File.Exists(stat) || File.ReadAllText(stat).Split(' ')[2] == "Z") return true;
            Thread.Sleep(100);
        }
        return false;
    }
}
