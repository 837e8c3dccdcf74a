using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Format;

/// <summary>Notebook metadata: the kernelspec and language_info of dotnet-interactive's C# kernel (<c>.net-csharp</c>, so
/// Jupyter opens the files with it), plus the fields Polyglot Notebooks reads, so cells stay C# there too.</summary>
public static class PolyglotMetadata
{
    /// <summary>The kernel name Polyglot uses for C# cells.</summary>
    public const string KernelName = "csharp";

    /// <summary>Adds the kernelspec, language_info and polyglot_notebook.kernelInfo fields when they are missing.</summary>
    public static void ApplyToNotebook(JsonObject metadata)
    {
        metadata["kernelspec"] ??= new JsonObject
        {
            ["display_name"] = ".NET (C#)",
            ["language"] = "C#",
            ["name"] = ".net-csharp",
        };
        metadata["language_info"] ??= new JsonObject
        {
            ["codemirror_mode"] = "text/x-csharp", ["file_extension"] = ".cs", ["mimetype"] = "text/x-csharp", ["name"] = "C#",
            ["pygments_lexer"] = "csharp",
        };
        metadata["polyglot_notebook"] ??= new JsonObject
        {
            ["kernelInfo"] = new JsonObject
            {
                ["defaultKernelName"] = KernelName,
                ["items"] = new JsonArray(new JsonObject
                {
                    ["aliases"] = new JsonArray("c#", "cs"),
                    ["languageName"] = "C#",
                    ["name"] = KernelName,
                }),
            },
        };
    }

    /// <summary>Marks a code cell as C# for Polyglot (polyglot_notebook.kernelName, dotnet_interactive.language).</summary>
    public static void ApplyToCell(NotebookCell cell)
    {
        if (!cell.IsCode) return;
        cell.Metadata["dotnet_interactive"] ??= new JsonObject { ["language"] = KernelName };
        cell.Metadata["polyglot_notebook"] ??= new JsonObject { ["kernelName"] = KernelName };
    }
}
