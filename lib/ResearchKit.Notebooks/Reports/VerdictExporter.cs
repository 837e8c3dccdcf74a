using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;
using ResearchKit.Notebooks.IO;

namespace ResearchKit.Notebooks.Reports;

/// <summary>Collects a notebook's computed verdicts: every display output carrying <see cref="MimeType"/> (the kit's
/// <c>Verdict.ToDisplayData()</c>), written to <c>out/&lt;name&gt;/verdict.json</c> and summarised for the index.</summary>
public static class VerdictExporter
{
    /// <summary>The mime type under which the kit's verdicts display (the runner reads it; it does not build verdicts).</summary>
    public const string MimeType = "application/vnd.researchkit.verdict+json";

    /// <summary>One notebook's verdict as the index shows it.</summary>
    public sealed record Summary(string Outcome, string Claim, string Evidence);

    /// <summary>Writes the notebook's verdicts to <c>&lt;name&gt;/verdict.json</c> under <paramref name="outDir"/> (one
    /// object, or <c>{"verdicts": [...]}</c> when cells displayed several, e.g. one per network) and returns their
    /// summary; null, with any stale verdict.json removed, when no cell displayed one.</summary>
    public static Summary? Export(NotebookDocument notebook, string name, string outDir)
    {
        var found = new List<JsonObject>();
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            foreach (var output in cell.Outputs)
                if (output?["data"] is JsonObject data && data[MimeType] is JsonObject verdict) found.Add(verdict);
        if (found.Count == 0) return Discard(name, outDir);
        JsonNode file = found.Count == 1 ? found[0].DeepClone()
            : new JsonObject { ["verdicts"] = new JsonArray(found.Select(v => (JsonNode)v.DeepClone()).ToArray()) };
        AtomicFile.WriteAllText(Path.Combine(outDir, name, "verdict.json"), file.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        string Field(JsonObject v, string key) => (string?)v[key] ?? "";
        return found.Count == 1
            ? new(Field(found[0], "outcome"), Field(found[0], "claim"), Field(found[0], "evidence"))
            : new(string.Join(" / ", found.Select(v => Field(v, "outcome"))), string.Join(" / ", found.Select(v => Field(v, "claim"))),
                string.Join("; ", found.Select(v => $"{Field(v, "outcome")}: {Field(v, "evidence")}")));
    }

    /// <summary>Removes <c>&lt;name&gt;/verdict.json</c> (a failed or verdict-less run must not show an older verdict); returns null.</summary>
    public static Summary? Discard(string name, string outDir)
    {
        var path = Path.Combine(outDir, name, "verdict.json");
        if (File.Exists(path)) File.Delete(path);
        return null;
    }
}
