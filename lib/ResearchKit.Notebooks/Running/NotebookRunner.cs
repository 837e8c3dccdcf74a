using System.Diagnostics;
using System.Reflection;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Reports;
using ResearchKit.Notebooks.IO;

namespace ResearchKit.Notebooks.Running;

/// <summary>Runs notebooks one after another, each in its own worker process, and writes the executed copies,
/// their figures and an index page; a failing notebook does not stop the next.</summary>
public static class NotebookRunner
{
    /// <summary>The runner version recorded in executed notebooks.</summary>
    public static string Version { get; } =
        typeof(NotebookRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
        ?? typeof(NotebookRunner).Assembly.GetName().Version?.ToString() ?? "0";

    /// <summary>Runs every notebook of <paramref name="options"/>; progress and notes go to <paramref name="log"/>.
    /// All inputs are read and their parameters checked before the first notebook starts: an unknown parameter stops the
    /// run, while a file that is not a notebook only fails its own row (it is not run, and out/ keeps what it had).</summary>
    public static async Task<IReadOnlyList<NotebookResult>> RunAsync(RunOptions options, TextWriter log)
    {
        var started = DateTimeOffset.Now;
        var inputs = ExpandInputs(options.Inputs).Select(p => Prepare(p, options, log)).ToList();
        var plans = inputs.Select(i => i.Plan).OfType<NotebookPlan>().ToList();
        var duplicate = plans.GroupBy(p => p.Name).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            throw new ArgumentException($"two notebooks would both be written as {duplicate.Key}.ipynb: " +
                string.Join(", ", duplicate.Select(p => p.InputPath)));
        foreach (var note in plans.Select(p => p.Note).OfType<string>()) log.WriteLine($"note: {note}");
        var outDir = Path.GetFullPath(options.OutDir);
        Directory.CreateDirectory(outDir);
        var results = new List<NotebookResult>();
        foreach (var (plan, broken) in inputs) results.Add(plan is null ? broken! : await RunOneAsync(plan, options, outDir, log));
        CopyPlotlyJs(options, plans, results, outDir, log);
        IndexPage.Write(outDir, results.Where(r => r.Ran).ToList(), options.Preset, started);
        return results;
    }

    // A plan, or for a file that is not a notebook the failed result that stands for it.
    private static (NotebookPlan? Plan, NotebookResult? Broken) Prepare(string path, RunOptions options, TextWriter log)
    {
        try
        {
            return (NotebookPlan.Create(path, options.Preset, options.Parameters, options.KitAssembly), null);
        }
        catch (InvalidDataException e)
        {
            log.WriteLine($"researchkit: {e.Message}");
            var full = Path.GetFullPath(path);
            // The summary names the notebook already; its reason is what follows the path.
            var reason = e.Message.StartsWith(path + ": ", StringComparison.Ordinal) ? e.Message[(path.Length + 2)..] : e.Message;
            return (null, new NotebookResult(Path.GetFileNameWithoutExtension(full), full, "", false, null, reason, 0, [], Ran: false));
        }
    }

    /// <summary>Returns the notebook files named by <paramref name="inputs"/>: files as given, folders as their
    /// *.ipynb files in name order; a missing path raises FileNotFoundException.</summary>
    public static IReadOnlyList<string> ExpandInputs(IReadOnlyList<string> inputs)
    {
        var paths = new List<string>();
        foreach (var input in inputs)
        {
            if (Directory.Exists(input))
            {
                var found = Directory.GetFiles(input, "*.ipynb").Order(StringComparer.Ordinal).ToList();
                if (found.Count == 0) throw new FileNotFoundException($"{input}: folder has no .ipynb notebooks");
                paths.AddRange(found);
            }
            else if (File.Exists(input)) paths.Add(input);
            else throw new FileNotFoundException($"{input}: no such notebook or folder");
        }
        if (paths.Count == 0) throw new ArgumentException("no notebooks given");
        return paths;
    }

    private static async Task<NotebookResult> RunOneAsync(NotebookPlan plan, RunOptions options, string outDir, TextWriter log)
    {
        var started = DateTimeOffset.Now;
        var clock = Stopwatch.StartNew();
        log.WriteLine($"[{plan.Name}] running {plan.Request.Cells.Count} code cells from {plan.InputPath}");
        var job = new NotebookJob(plan, options, log);
        var ok = await job.RunAsync();
        var seconds = clock.Elapsed.TotalSeconds;
        plan.Document.Metadata["researchkit"] = new JsonObject
        {
            ["runner_version"] = Version,
            ["input_path"] = plan.InputPath,
            ["preset"] = options.Preset,
            ["parameters"] = new JsonObject(plan.Request.Values.Select(v => KeyValuePair.Create(v.Key, (JsonNode?)v.Value))),
            ["start_time"] = started.ToString("o"),
            ["end_time"] = DateTimeOffset.Now.ToString("o"),
            ["duration"] = Math.Round(seconds, 3),
            ["status"] = ok ? "ok" : "failed",
            ["failed_cell"] = job.FailedIndex,
            ["error"] = job.Error,
        };
        var output = Path.Combine(outDir, plan.Name + ".ipynb");
        plan.Document.Save(output);
        AtomicFile.WriteAllText(Path.Combine(outDir, plan.Name + ".html"), NotebookHtml.Render(plan.Document, plan.Name, "plotly.min.js"));
        var figures = FigureExporter.Export(plan.Document, plan.Name, outDir);
        var verdict = ok ? VerdictExporter.Export(plan.Document, plan.Name, outDir) : VerdictExporter.Discard(plan.Name, outDir);
        return new NotebookResult(plan.Name, plan.InputPath, output, ok, job.FailedIndex, job.Error, seconds, figures, verdict);
    }

    private static void CopyPlotlyJs(RunOptions options, List<NotebookPlan> plans, List<NotebookResult> results,
        string outDir, TextWriter log)
    {
        if (!results.Any(r => r.Figures.Count > 0)) return;
        var source = options.PlotlyJsPath ?? PlotlyJs.Locate(
            plans.Select(p => Path.GetDirectoryName(p.InputPath)!).Append(Directory.GetCurrentDirectory()).Append(AppContext.BaseDirectory));
        var target = Path.Combine(outDir, "plotly.min.js");
        if (source is null)
        {
            log.WriteLine($"note: plotly.min.js not found (set {PlotlyJs.EnvironmentVariable} or run scripts/setup.sh); " +
                "the HTML figures need it next to them at " + target);
            return;
        }
        if (!File.Exists(target) || new FileInfo(target).Length != new FileInfo(source).Length)
            AtomicFile.WriteAllBytes(target, File.ReadAllBytes(source));
    }
}
