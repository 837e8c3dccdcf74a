using System.Text;
using System.Text.RegularExpressions;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;
using ResearchKit.Notebooks.IO;
using ResearchKit.Notebooks.Parameters;

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

    /// <summary><paramref name="executed"/> with the markdown of <paramref name="prose"/> (the same notebook as it reads
    /// now), which must hold the same code: the same cells in the same order, every code cell's source equal (the
    /// runner's injected-parameters cell aside). Prose written after a long run (what the run showed) thus reaches its
    /// executed copy without rerunning it, and a copy whose code has changed since is refused.</summary>
    /// <exception cref="InvalidDataException">The cells do not line up, or a code cell differs.</exception>
    /// <remarks>With <paramref name="docsDir"/>, the markdown's relative links are rewritten to point from there to
    /// what they named from the folder of <paramref name="prosePath"/> (notebooks/x.ipynb → ../../notebooks/x.ipynb).</remarks>
    public static NotebookDocument WithProse(NotebookDocument executed, string path, NotebookDocument prose, string prosePath, string? docsDir = null)
    {
        var result = executed.Clone();
        var cells = result.Cells.Where(c => !c.Tags.Contains(ParameterCell.InjectedTag)).ToList();
        if (cells.Count != prose.Cells.Count || cells.Zip(prose.Cells).Any(p => p.First.CellType != p.Second.CellType))
            throw new InvalidDataException($"{path}: its cells do not line up with those of {prosePath}; rerun it");
        for (var i = 0; i < cells.Count; i++)
        {
            if (!cells[i].IsCode) cells[i].Source = docsDir is null ? prose.Cells[i].Source : Relink(prose.Cells[i].Source, prosePath, docsDir);
            else if (cells[i].Source != prose.Cells[i].Source)
                throw new InvalidDataException($"{path}: cell {i} is not the code of {prosePath} any more, so its outputs are not that code's; rerun it");
        }
        return result;
    }

    // Markdown links and images with a relative target: ](target) or ](target "title"), not a URL or an anchor.
    private static readonly Regex RelativeLink = new(@"\]\((?![a-zA-Z][a-zA-Z0-9+.-]*:|#|/)([^)\s]+)", RegexOptions.Compiled);

    private static string Relink(string markdown, string prosePath, string docsDir)
    {
        var from = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(prosePath))!;
        var to = System.IO.Path.GetFullPath(docsDir);
        return RelativeLink.Replace(markdown, m =>
        {
            var (target, anchor) = m.Groups[1].Value.IndexOf('#') is var h and >= 0 ? (m.Groups[1].Value[..h], m.Groups[1].Value[h..]) : (m.Groups[1].Value, "");
            var moved = System.IO.Path.GetRelativePath(to, System.IO.Path.GetFullPath(System.IO.Path.Combine(from, target))).Replace('\\', '/');
            return $"]({moved}{anchor}";
        });
    }

    /// <summary>Exports every notebook listed in <paramref name="outDir"/>/index.json into <paramref name="docsDir"/>
    /// (one <c>name.ipynb</c> each, written atomically), after checking that each ran ok on <paramref name="preset"/>
    /// and that together they take at most <paramref name="maxBytes"/>; nothing is written when a check fails. With
    /// <paramref name="proseDir"/>, each takes its markdown from the notebook of the same name there (<see cref="WithProse"/>).</summary>
    /// <exception cref="InvalidDataException">No index, a notebook that failed or ran on another preset, a chart
    /// without a PNG, more than <paramref name="maxBytes"/> in all, or (with <paramref name="proseDir"/>) a notebook
    /// missing there or whose code differs.</exception>
    public static IReadOnlyList<Exported> Export(string outDir, string docsDir, string preset, long maxBytes = DefaultMaxBytes, string? proseDir = null)
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
            var executed = NotebookDocument.Load(source);
            if (proseDir is not null)
            {
                var prosePath = System.IO.Path.Combine(proseDir, row.Name + ".ipynb");
                if (!File.Exists(prosePath)) throw new InvalidDataException($"{prosePath}: not found (--prose-from names the notebooks {row.Name} was run from)");
                executed = WithProse(executed, source, NotebookDocument.Load(prosePath), prosePath, docsDir);
            }
            var (notebook, charts) = Strip(executed, source);
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
