using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using ResearchKit.Notebooks.Execution;

namespace ResearchKit.Tests.Notebooks.Execution;

public sealed class ReferenceBuildsTests
{
    private static readonly string KitPath = typeof(ResearchKit.Repro.Preset).Assembly.Location;

    [Fact]
    public async Task ARefToTheBuildThisProcessRuns_Runs()
    {
        var outputs = new List<JsonObject>();
        var executor = new CellExecutor(Path.Combine(Path.GetTempPath(), "refs.ipynb"), outputs.Add);
        Assert.Null(await executor.RunAsync(new CellRef(0, "r1", $"#r \"{KitPath}\"\nResearchKit.Repro.Preset.Paper.ToString()")));
        Assert.Equal("Paper", (string?)outputs[^1]["data"]!["text/plain"]![0]);
    }

    [Fact]
    public async Task ARefToAnotherBuildOfAnAssemblyThisProcessRuns_FailsTheCellBeforeItRuns_NamingBothFiles()
    {
        // Another build of ResearchKit.dll in a folder of its own, as a notebook's #r names the repo's build while an
        // older researchkit binary runs it. (By bare file name, #r would find this process's own copy first.)
        var dir = Directory.CreateTempSubdirectory("rk-refs-");
        try
        {
            var other = Path.Combine(dir.FullName, "ResearchKit.dll");
            var compilation = CSharpCompilation.Create("ResearchKit",
                [CSharpSyntaxTree.ParseText("namespace ResearchKit.Repro { public enum Preset { Smoke } }")],
                [MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            Assert.True(compilation.Emit(other).Success);

            var outputs = new List<JsonObject>();
            var executor = new CellExecutor(Path.Combine(dir.FullName, "refs.ipynb"), outputs.Add);
            var ran = Path.Combine(dir.FullName, "ran.txt");
            var error = await executor.RunAsync(new CellRef(0, "r1", $"#r \"{other}\"\nSystem.IO.File.WriteAllText(@\"{ran}\", \"x\");"));

            Assert.NotNull(error);
            Assert.Equal("ReferenceMismatch", (string?)error["ename"]);
            var message = (string)error["evalue"]!;
            Assert.StartsWith("cell 0 (id r1): #r \"" + other + "\" is a different build of ResearchKit.dll", message);
            Assert.Contains("(" + KitPath + ")", message);
            Assert.DoesNotContain('\n', message);
            Assert.False(File.Exists(ran));
            Assert.Empty(outputs);
        }
        finally
        {
            dir.Delete(true);
        }
    }
}
