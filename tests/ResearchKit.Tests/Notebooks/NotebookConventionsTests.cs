using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using ResearchKit.Tests.Cli;

namespace ResearchKit.Tests.Notebooks;

/// <summary>The house rules for notebooks (CONVENTIONS.md, "Notebooks"), read from the notebooks' own JSON: they open in
/// dotnet-interactive's kernel, load the kit from the local feed, take their preset from one parameters cell, and keep
/// the logic in lib/ (short cells, no types).</summary>
public sealed partial class NotebookConventionsTests
{
    /// <summary>The longest code cell a notebook may hold (CONVENTIONS.md: "no cell over about 12 lines").</summary>
    private const int MaxCellLines = 12;

    public static TheoryData<string> Notebooks() =>
        new(Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "notebooks"), "*.ipynb").Select(Path.GetFileName).Order()!);

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_NamesTheNetCsharpKernel_WithPolyglotMetadata(string name)
    {
        var metadata = Read(name)["metadata"]!;
        Assert.Equal(".net-csharp", (string?)metadata["kernelspec"]?["name"]);
        Assert.Equal("C#", (string?)metadata["language_info"]?["name"]);
        Assert.Equal("csharp", (string?)metadata["polyglot_notebook"]?["kernelInfo"]?["defaultKernelName"]);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_OpensWithItsTitle_AndLoadsTheKitPackageInItsFirstCodeCell(string name)
    {
        var cells = Cells(name);
        var title = Source(cells[0]);
        Assert.Equal("markdown", (string?)cells[0]["cell_type"]);
        Assert.Matches($@"^# {Regex.Escape(name[..2])} · \S.*\n\n> \S", title);
        var setup = Source(cells.First(c => (string?)c["cell_type"] == "code"));
        Assert.Equal("#r \"nuget: ResearchKit, *-*\"", setup.Split('\n')[0]);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_HasOneParametersCell_ThatHonoursResearchkitPreset(string name)
    {
        var parameters = Assert.Single(Cells(name), c => c["metadata"]?["tags"]?.AsArray().Any(t => (string?)t == "parameters") == true);
        Assert.Equal("code", (string?)parameters["cell_type"]);
        Assert.Matches(@"^Preset preset = Presets\.FromEnvironment\(Preset\.(Smoke|Quick|Paper|Full)\);", Source(parameters));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void EveryCodeCell_IsAtMostTwelveLines_AndDefinesNoType(string name)
    {
        foreach (var (source, index) in Cells(name).Select((c, i) => (c, i)).Where(x => (string?)x.c["cell_type"] == "code")
                     .Select(x => (Source(x.c), x.i)))
        {
            var lines = source.TrimEnd('\n').Split('\n');
            Assert.True(lines.Length <= MaxCellLines, $"{name} cell {index}: {lines.Length} lines (at most {MaxCellLines}); move the logic into lib/");
            Assert.DoesNotMatch(TypeDeclaration(), source);
        }
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_SaysWhatYouShouldSee(string name) =>
        Assert.Contains(Cells(name), c => (string?)c["cell_type"] == "markdown" && Source(c).Contains("## What you should see"));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Notebook_LinksItsExecutedPaperCopyInDocs_ExactlyWhenThereIsOne(string name)
    {
        // docs/paper holds what `researchkit docs` exported from a Paper run; the notebook's title cell links its copy,
        // and the README links each copy, so a reader finds the results without running anything.
        var link = $"../docs/paper/{name}";
        var exported = File.Exists(Path.Combine(CliProcess.RepoRoot, "docs", "paper", name));
        Assert.Equal(exported, Source(Cells(name)[0]).Contains($"]({link})"));
        Assert.Equal(exported, File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "README.md")).Contains($"](docs/paper/{name})"));
    }

    [Fact]
    public void EveryExecutedPaperCopyInDocs_IsOneOfTheNotebooks_AndAllTakeAtMost30MB()
    {
        var folder = Path.Combine(CliProcess.RepoRoot, "docs", "paper");
        var copies = Directory.Exists(folder) ? Directory.GetFiles(folder, "*.ipynb") : [];
        Assert.All(copies, c => Assert.True(File.Exists(Path.Combine(CliProcess.RepoRoot, "notebooks", Path.GetFileName(c))), $"{c}: no such notebook"));
        Assert.All(copies, c => Assert.Equal("paper", (string?)JsonNode.Parse(File.ReadAllText(c))!["metadata"]?["researchkit"]?["preset"]));
        Assert.True(copies.Sum(c => new FileInfo(c).Length) <= ResearchKit.Notebooks.Reports.DocsExport.DefaultMaxBytes, "docs/paper takes more than 30 MiB");
    }

    [Fact]
    public void TheNotebooksNuGetConfig_NamesTheLocalFeedTheSetupPacks()
    {
        var config = XDocument.Load(Path.Combine(CliProcess.RepoRoot, "notebooks", "NuGet.config"));
        var sources = config.Descendants("packageSources").Descendants("add").Select(e => (string?)e.Attribute("value")).ToArray();
        Assert.Contains("../.deps/feed", sources);
    }

    // A class, record, struct, interface or enum declared at the start of a line (after modifiers).
    [GeneratedRegex(@"(?m)^\s*(?:(?:public|internal|private|static|sealed|abstract|partial|readonly)\s+)*(?:class|record|struct|interface|enum)\s+[A-Za-z_]")]
    private static partial Regex TypeDeclaration();

    private static JsonObject Read(string name) =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "notebooks", name)))!.AsObject();

    private static JsonObject[] Cells(string name) => Read(name)["cells"]!.AsArray().Select(c => c!.AsObject()).ToArray();

    private static string Source(JsonObject cell) => cell["source"] switch
    {
        JsonArray lines => string.Concat(lines.Select(l => (string?)l)),
        var text => (string?)text ?? "",
    };
}
