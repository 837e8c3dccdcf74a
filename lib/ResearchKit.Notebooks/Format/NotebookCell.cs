using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Format;

/// <summary>One cell of a notebook: a typed view over its JSON, which keeps any fields it does not know.</summary>
public sealed class NotebookCell
{
    /// <summary>Wraps an existing cell object (edits write through to it).</summary>
    public NotebookCell(JsonObject json) => Json = json;

    /// <summary>The underlying nbformat cell object.</summary>
    public JsonObject Json { get; }

    /// <summary>"code", "markdown" or "raw".</summary>
    public string CellType => Json["cell_type"]?.GetValue<string>() ?? "";

    /// <summary>True for code cells.</summary>
    public bool IsCode => CellType == "code";

    /// <summary>The cell id (nbformat 4.5), or null when the file had none.</summary>
    public string? Id
    {
        get => Json["id"]?.GetValue<string>();
        set => Json["id"] = value;
    }

    /// <summary>The cell source as one string.</summary>
    public string Source
    {
        get => MultilineText.Read(Json["source"]);
        set => Json["source"] = MultilineText.ToLines(value);
    }

    /// <summary>The cell metadata object (created when missing).</summary>
    public JsonObject Metadata => Json["metadata"] as JsonObject ?? (JsonObject)(Json["metadata"] = new JsonObject());

    /// <summary>The cell's tags from metadata.tags.</summary>
    public IReadOnlyList<string> Tags =>
        Metadata["tags"] is JsonArray tags ? tags.Select(t => t?.GetValue<string>() ?? "").ToList() : [];

    /// <summary>The outputs array of a code cell (created when missing).</summary>
    public JsonArray Outputs => Json["outputs"] as JsonArray ?? (JsonArray)(Json["outputs"] = new JsonArray());

    /// <summary>Sets the execution count of a code cell (null for not run).</summary>
    public void SetExecutionCount(int? count) => Json["execution_count"] = count;

    /// <summary>Creates a C# code cell with Polyglot metadata, the given tags and source.</summary>
    public static NotebookCell NewCode(string id, string source, params string[] tags)
    {
        var cell = new NotebookCell(new JsonObject
        {
            ["cell_type"] = "code",
            ["execution_count"] = null,
            ["id"] = id,
            ["metadata"] = new JsonObject(),
            ["outputs"] = new JsonArray(),
        });
        cell.Source = source;
        if (tags.Length > 0) cell.Metadata["tags"] = new JsonArray(tags.Select(t => (JsonNode?)t).ToArray());
        PolyglotMetadata.ApplyToCell(cell);
        return cell;
    }
}
