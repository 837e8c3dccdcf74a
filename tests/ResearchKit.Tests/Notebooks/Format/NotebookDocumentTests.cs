using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Tests.Notebooks.Format;

public sealed class NotebookDocumentTests
{
    private const string Minimal4_4 = """
        {"cells": [
          {"cell_type": "markdown", "metadata": {}, "source": ["# Title\n", "text"]},
          {"cell_type": "code", "metadata": {"custom": {"keep": 1}}, "source": "var a = 1;\na", "outputs": [], "execution_count": null, "id": "dup"},
          {"cell_type": "code", "metadata": {}, "source": [], "id": "dup"}
        ], "metadata": {"authors": ["x"]}, "nbformat": 4, "nbformat_minor": 4}
        """;

    [Fact]
    public void Normalize_UpgradesTo45_WithUniqueIdsAndPolyglotMetadata()
    {
        var doc = NotebookDocument.Parse(Minimal4_4, "mem.ipynb");
        doc.Normalize();
        Assert.Equal(["cell-0", "dup", "cell-1"], doc.Cells.Select(c => c.Id));
        Assert.Equal(5, doc.Root["nbformat_minor"]!.GetValue<int>());
        Assert.Equal("csharp", doc.Metadata["polyglot_notebook"]!["kernelInfo"]!["defaultKernelName"]!.GetValue<string>());
        Assert.Equal("csharp", doc.Cells[2].Metadata["dotnet_interactive"]!["language"]!.GetValue<string>());
        Assert.Empty(doc.Cells[2].Outputs);
        Assert.True(doc.Cells[2].Json.ContainsKey("execution_count"));
    }

    [Fact]
    public void WriteThenRead_KeepsSourcesAndUnknownFields()
    {
        var doc = NotebookDocument.Parse(Minimal4_4, "mem.ipynb");
        doc.Normalize();
        var again = NotebookDocument.Parse(doc.ToJson(), "mem.ipynb");
        Assert.Equal(["# Title\ntext", "var a = 1;\na", ""], again.Cells.Select(c => c.Source));
        Assert.Equal(1, again.Cells[1].Metadata["custom"]!["keep"]!.GetValue<int>());
        Assert.Equal("x", again.Metadata["authors"]![0]!.GetValue<string>());
        Assert.Equal(doc.ToJson(), again.ToJson());
    }

    [Fact]
    public void NewSources_AreWrittenAsJupyterDoes_LinesKeepingTheirNewline()
    {
        var cell = NotebookCell.NewCode("x", "var a = 1;\na\n", "tag");
        Assert.Equal(["var a = 1;\n", "a\n"], cell.Json["source"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal("var a = 1;\na\n", cell.Source);
        Assert.Equal(["tag"], cell.Tags);
    }

    [Fact]
    public void StreamText_AppendsToTheOpenLastLine()
    {
        var lines = MultilineText.ToLines("a\nb");
        MultilineText.Append(lines, "c\nd");
        Assert.Equal(["a\n", "bc\n", "d"], lines.Select(l => l!.GetValue<string>()));
    }

    [Fact]
    public void InvalidJson_RaisesInvalidDataNamingTheFileAndLine()
    {
        var e = Assert.Throws<InvalidDataException>(() => NotebookDocument.Parse("{\n \"cells\": [\n", "nb/bad.ipynb"));
        Assert.StartsWith("nb/bad.ipynb: not a notebook: invalid JSON at line 3", e.Message);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("[1, 2]", "nb.ipynb: not a notebook: expected an object with a \"cells\" array of objects")]
    [InlineData("{\"cells\": [], \"nbformat\": 3}", "nb.ipynb: not an nbformat 4 notebook (field \"nbformat\" must be 4)")]
    public void JsonThatIsNotANotebook_IsRejectedWithTheReason(string json, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => NotebookDocument.Parse(json, "nb.ipynb"));
        Assert.Equal(message, e.Message);
    }

    [Fact]
    public void CellOutput_StoresTextAsLinesAndJsonAsJson()
    {
        var bundle = new JsonObject
        {
            ["text/plain"] = "a\nb",
            [CellOutput.PlotlyMime] = new JsonObject { ["data"] = new JsonArray() },
            ["image/png"] = "AAAA",
        };
        var output = CellOutput.ExecuteResult(bundle, 7);
        Assert.Equal(["a\n", "b"], output["data"]!["text/plain"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.IsType<JsonObject>(output["data"]![CellOutput.PlotlyMime]);
        Assert.Equal("AAAA", output["data"]!["image/png"]!.GetValue<string>());
        Assert.Equal(7, output["execution_count"]!.GetValue<int>());
    }
}
