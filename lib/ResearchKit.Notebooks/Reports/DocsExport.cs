using System.Text;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;
using ResearchKit.Notebooks.IO;

namespace ResearchKit.Notebooks.Reports;

/// <summary>Copies the executed notebooks of a run folder into a folder of the repository (docs/paper) for readers
/// who do not run them: every chart keeps its PNG and text and loses its Plotly JSON and HTML (the first chart's HTML
/// embeds plotly.js, about 5 MB per notebook; the JSON of a large figure is megabytes), so that GitHub shows the
/// figures and the folder stays small. Every other output (tables, check lists, verdicts, text) is kept as it ran.</summary>
public static class DocsExport
{
    /// <summary>The most the exported notebooks may take together: 30 MiB (the issue's 30 MB, read generously).</summary>
    public const long DefaultMaxBytes = 30L * 1024 * 1024;

    /// <summary>One exported notebook: its name, size in bytes and how many charts it shows as PNG.</summary>
    public sealed record Exported(string Name, string Path, long Bytes, int Charts);

    /// <summary>The notebook with every chart output reduced to its PNG and text; throws when a chart has no PNG (it
    /// would show nothing). <paramref name="path"/> names the notebook in the error.</summary>
    /// <exception cref="InvalidDataException">A chart output carries no image/png.</exception>
    public static (NotebookDocument Notebook, int Charts) Strip(NotebookDocument executed, string path)
    {
        var notebook = executed.Clone();
        var charts = 0;
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            foreach (var output in notebook.Cells[i].IsCode ? notebook.Cells[i].Outputs : [])
            {
                if (output?["data"] is not JsonObject data || !data.ContainsKey(CellOutput.PlotlyMime)) continue;
                if (!data.ContainsKey("image/png"))
                    throw new InvalidDataException($"{path}: cell {i} shows a chart without a PNG, which would show nothing once its Plotly JSON is stripped");
                data.Remove(CellOutput.PlotlyMime);
                data.Remove("text/html");
                charts++;
            }
        }
        return (notebook, charts);
    }

    /// <summary>Exports every notebook listed in <paramref name="outDir"/>/index.json into <paramref name="docsDir"/>
    /// (one <c>name.ipynb</c> each, written atomically), after checking that each ran ok on <paramref name="preset"/>
    /// and that together they take at most <paramref name="maxBytes"/>; nothing is written when a check fails.</summary>
    /// <exception cref="InvalidDataException">No index, a notebook that failed or ran on another preset, a chart
    /// without a PNG, or more than <paramref name="maxBytes"/> in all.</exception>
    public static IReadOnlyList<Exported> Export(string outDir, string docsDir, string preset, long maxBytes = DefaultMaxBytes)
    {
        var index = System.IO.Path.Combine(outDir, "index.json");
        var rows = IndexPage.ReadRows(outDir);
        if (rows.Count == 0)
            throw new InvalidDataException($"{index}: no executed notebooks listed (run `researchkit run notebooks --preset {preset} --out {outDir}` first)");
        var pending = new List<(IndexPage.Row Row, string Json, int Charts)>();
        foreach (var row in rows)
        {
            if (!row.Ok)
                throw new InvalidDataException($"{index}: {row.Name} failed at cell {row.FailedCellIndex?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "?"}; only notebooks that ran ok are exported");
            if (!string.Equals(row.Preset, preset, StringComparison.OrdinalIgnoreCase))
                throw new InvalidDataException($"{index}: {row.Name} ran on {row.Preset ?? "its own default preset"}, not {preset}; run it on {preset} first");
            var source = System.IO.Path.Combine(outDir, row.Notebook);
            var (notebook, charts) = Strip(NotebookDocument.Load(source), source);
            pending.Add((row, notebook.ToJson(), charts));
        }
        var total = pending.Sum(p => (long)Encoding.UTF8.GetByteCount(p.Json));
        if (total > maxBytes)
            throw new InvalidDataException($"{index}: {pending.Count} notebook(s) take {total / 1e6:F1} MB once stripped, more than the {maxBytes / 1e6:F1} MB allowed");
        Directory.CreateDirectory(docsDir);
        return pending.Select(p =>
        {
            var target = System.IO.Path.Combine(docsDir, p.Row.Name + ".ipynb");
            AtomicFile.WriteAllText(target, p.Json);
            return new Exported(p.Row.Name, target, new FileInfo(target).Length, p.Charts);
        }).ToList();
    }
}
