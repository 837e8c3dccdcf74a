using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.IO;

namespace ResearchKit.Notebooks.Format;

/// <summary>An nbformat 4 notebook held as JSON, so fields this code does not know survive a read/write round trip.</summary>
public sealed class NotebookDocument
{
    private static readonly JsonSerializerOptions WriteOptions = new()
    {
        WriteIndented = true,
        IndentSize = 1,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private NotebookDocument(JsonObject root)
    {
        Root = root;
        Cells = root["cells"]!.AsArray().Select(c => new NotebookCell(c!.AsObject())).ToList();
    }

    /// <summary>The whole notebook object.</summary>
    public JsonObject Root { get; }

    /// <summary>The cells, in order; use <see cref="InsertCell"/> to add one so the JSON stays in step.</summary>
    public List<NotebookCell> Cells { get; }

    /// <summary>The notebook-level metadata object.</summary>
    public JsonObject Metadata => Root["metadata"] as JsonObject ?? (JsonObject)(Root["metadata"] = new JsonObject());

    /// <summary>Reads a notebook file; a file that is not an nbformat 4 notebook raises InvalidDataException naming it.</summary>
    public static NotebookDocument Load(string path) => Parse(File.ReadAllText(path), path);

    /// <summary>Parses notebook JSON; <paramref name="path"/> is only used in error messages.</summary>
    public static NotebookDocument Parse(string json, string path)
    {
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException e)
        {
            throw new InvalidDataException($"{path}: not a notebook: invalid JSON at line {e.LineNumber + 1} ({FirstSentence(e.Message)})");
        }
        if (node is not JsonObject root || root["cells"] is not JsonArray cells || cells.Any(c => c is not JsonObject))
            throw new InvalidDataException($"{path}: not a notebook: expected an object with a \"cells\" array of objects");
        if (root["nbformat"] is not JsonValue major || !major.TryGetValue(out int version) || version != 4)
            throw new InvalidDataException($"{path}: not an nbformat 4 notebook (field \"nbformat\" must be 4)");
        return new NotebookDocument(root);
    }

    /// <summary>Upgrades to nbformat 4.5: Polyglot metadata, an id on every cell, outputs/execution_count on code cells.</summary>
    public void Normalize()
    {
        Root["nbformat_minor"] = Math.Max(5, Root["nbformat_minor"]?.GetValue<int>() ?? 0);
        PolyglotMetadata.ApplyToNotebook(Metadata);
        var used = new HashSet<string>(Cells.Select(c => c.Id).OfType<string>());
        var seen = new HashSet<string>();
        var next = 0;
        foreach (var cell in Cells)
        {
            if (cell.Id is null || !CellIds.IsValid(cell.Id) || !seen.Add(cell.Id))
            {
                while (!used.Add($"cell-{next}")) next++;
                cell.Id = $"cell-{next}";
                seen.Add(cell.Id);
            }
            _ = cell.Metadata;
            cell.Json["source"] ??= "";
            if (!cell.IsCode) continue;
            PolyglotMetadata.ApplyToCell(cell);
            _ = cell.Outputs;
            if (!cell.Json.ContainsKey("execution_count")) cell.SetExecutionCount(null);
        }
    }

    /// <summary>Inserts <paramref name="cell"/> at <paramref name="index"/> in both the list and the JSON.</summary>
    public void InsertCell(int index, NotebookCell cell)
    {
        Cells.Insert(index, cell);
        Root["cells"]!.AsArray().Insert(index, cell.Json);
    }

    /// <summary>Returns the notebook as Jupyter-style JSON (one-space indent, trailing newline).</summary>
    public string ToJson() => Root.ToJsonString(WriteOptions) + "\n";

    /// <summary>Writes the notebook to <paramref name="path"/> atomically.</summary>
    public void Save(string path) => AtomicFile.WriteAllText(path, ToJson());

    /// <summary>Returns a deep copy, so a run can fill outputs without touching the source document.</summary>
    public NotebookDocument Clone() => new(Root.DeepClone().AsObject());

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message.TrimEnd('.') : message[..end];
    }
}
