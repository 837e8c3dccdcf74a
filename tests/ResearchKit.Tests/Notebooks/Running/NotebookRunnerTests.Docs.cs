using ResearchKit.Tests.Cli;
using System.Text.Json.Nodes;
using static ResearchKit.Tests.Notebooks.ScenarioResult;

namespace ResearchKit.Tests.Notebooks;

/// <summary>`researchkit docs` on the features scenario's run folder (the class's shared fixture).</summary>
public sealed partial class NotebookRunnerTests
{
    [Fact]
    public void Docs_KeepsEachChartAsItsPngOnly_AndEveryOtherOutputAsItRan()
    {
        var docs = Path.Combine(Runs.NewOutDir(), "paper");
        var cli = CliProcess.Run(["docs", "--out", Runs.Features.OutDir, "--to", docs, "--preset", "smoke"], Runs.Environment());
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        Assert.Contains("2 chart(s) as PNG", cli.Stdout);
        var ran = Runs.Features.Notebook("features");
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(docs, "features.ipynb")))!.AsObject();
        var (ranOutputs, docOutputs) = (Outputs(ran), Outputs(doc));
        Assert.Equal(ranOutputs.Count, docOutputs.Count);
        for (var i = 0; i < ranOutputs.Count; i++)
        {
            if (ranOutputs[i]["data"] is not JsonObject data || !data.ContainsKey("application/vnd.plotly.v1+json"))
            {
                Assert.True(JsonNode.DeepEquals(ranOutputs[i], docOutputs[i]), $"output {i} changed");
                continue;
            }
            Assert.Equal(["image/png", "text/plain"], docOutputs[i]["data"]!.AsObject().Select(p => p.Key).Order());
            Assert.Equal(Text(data["image/png"]), Text(docOutputs[i]["data"]!["image/png"]));
        }
        Assert.True(new FileInfo(Path.Combine(docs, "features.ipynb")).Length < new FileInfo(Path.Combine(Runs.Features.OutDir, "features.ipynb")).Length / 4);
    }

    [Fact]
    public void Docs_RefusesAnotherPresetOrTooMuch_InOneLine_WritingNothing()
    {
        var docs = Path.Combine(Runs.NewOutDir(), "paper");
        var wrong = CliProcess.Run(["docs", "--out", Runs.Features.OutDir, "--to", docs], Runs.Environment());
        Assert.Equal(1, wrong.ExitCode);
        Assert.Equal($"researchkit: {Path.Combine(Runs.Features.OutDir, "index.json")}: features ran on smoke, not paper; run it on paper first",
            wrong.Stderr.Trim());
        var big = CliProcess.Run(["docs", "--out", Runs.Features.OutDir, "--to", docs, "--preset", "smoke", "--max-mb", "0.01"], Runs.Environment());
        Assert.Equal(1, big.ExitCode);
        Assert.Matches(@"^researchkit: \S+index\.json: 1 notebook\(s\) take \d+\.\d MB once stripped, more than the 0\.0 MB allowed$", big.Stderr.Trim());
        Assert.False(Directory.Exists(docs));
    }

    [Fact]
    public void DocsProseFrom_TakesTheMarkdownOfTheNotebookAsItReadsNow_AndRefusesOneWhoseCodeChanged()
    {
        var root = Runs.NewOutDir();
        var prose = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        var now = JsonNode.Parse(File.ReadAllText(Runs.Notebook("features.ipynb")))!.AsObject();
        now["cells"]![0]!["source"] = new JsonArray("# Features\n", "What the run showed, written after it: [the copy](../paper/features.ipynb#top), [data](data.csv \"title\"), [web](https://x.org/a.ipynb).");
        File.WriteAllText(Path.Combine(prose, "features.ipynb"), now.ToJsonString());
        var docs = Path.Combine(root, "paper");
        var cli = CliProcess.Run(["docs", "--out", Runs.Features.OutDir, "--to", docs, "--preset", "smoke", "--prose-from", prose], Runs.Environment());
        Assert.True(cli.ExitCode == 0, cli.Stderr);
        var doc = JsonNode.Parse(File.ReadAllText(Path.Combine(docs, "features.ipynb")))!["cells"]!.AsArray();
        // Relative links now point from docs' folder (<out>/paper) to what they named from the notebooks' (<out>/notebooks).
        Assert.Equal("# Features\nWhat the run showed, written after it: [the copy](features.ipynb#top), [data](../notebooks/data.csv \"title\"), " +
                     "[web](https://x.org/a.ipynb).", Text(doc[0]!["source"]));
        Assert.Equal(Outputs(Runs.Features.Notebook("features")).Count, doc.Sum(c => (c!["outputs"] as JsonArray)?.Count ?? 0));

        now["cells"]![3]!["source"] = new JsonArray("var counter = seed * 100;");
        File.WriteAllText(Path.Combine(prose, "features.ipynb"), now.ToJsonString());
        var changed = Path.Combine(Runs.NewOutDir(), "paper");
        var refused = CliProcess.Run(["docs", "--out", Runs.Features.OutDir, "--to", changed, "--preset", "smoke", "--prose-from", prose], Runs.Environment());
        Assert.Equal(1, refused.ExitCode);
        Assert.Equal($"researchkit: {Path.Combine(Runs.Features.OutDir, "features.ipynb")}: cell 3 is not the code of " +
                     $"{Path.Combine(prose, "features.ipynb")} any more, so its outputs are not that code's; rerun it", refused.Stderr.Trim());
        Assert.False(Directory.Exists(changed));
    }

    private static List<JsonObject> Outputs(JsonObject notebook) => notebook["cells"]!.AsArray()
        .SelectMany(c => c!["outputs"] as JsonArray ?? []).Select(o => o!.AsObject()).ToList();
}
