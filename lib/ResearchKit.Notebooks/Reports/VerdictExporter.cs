using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;
using ResearchKit.Notebooks.IO;

namespace ResearchKit.Notebooks.Reports;

/// <summary>Collects a notebook's computed verdict: the last display output carrying <see cref="MimeType"/> (the kit's
/// <c>Verdict.ToDisplayData()</c>), written to <c>out/&lt;name&gt;/verdict.json</c> and summarised for the index.</summary>
public static class VerdictExporter
{
    /// <summary>The mime type under which the kit's verdicts display (the runner reads it; it does not build verdicts).</summary>
    public const string MimeType = "application/vnd.researchkit.verdict+json";

    /// <summary>One notebook's verdict as the index shows it.</summary>
    public sealed record Summary(string Outcome, string Claim, string Evidence);

    /// <summary>Writes the notebook's last verdict to <c>&lt;name&gt;/verdict.json</c> under <paramref name="outDir"/>
    /// and returns its summary; null (and any stale verdict.json removed) when no cell displayed one.</summary>
    public static Summary? Export(NotebookDocument notebook, string name, string outDir)
    {
        JsonObject? last = null;
        foreach (var cell in notebook.Cells.Where(c => c.IsCode))
            foreach (var output in cell.Outputs)
                if (output?["data"] is JsonObject data && data[MimeType] is JsonObject verdict) last = verdict;
        var path = Path.Combine(outDir, name, "verdict.json");
        if (last is null)
        {
            if (File.Exists(path)) File.Delete(path);
            return null;
        }
        AtomicFile.WriteAllText(path, last.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        return new((string?)last["outcome"] ?? "?", (string?)last["claim"] ?? "", (string?)last["evidence"] ?? "");
    }
}
