using System.CommandLine;
using System.Globalization;
using ResearchKit.Notebooks.Reports;
using ResearchKit.Notebooks.Running;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit run &lt;notebook|folder&gt;... [--preset] [-p name=value] [--out DIR]</c>: runs notebooks
/// headless and writes executed copies, figures and an index page.</summary>
internal static class RunCommand
{
    /// <summary>Returns the <c>run</c> command.</summary>
    public static Command Create()
    {
        var inputs = new Argument<string[]>("notebooks")
        {
            Description = "Notebook files (.ipynb) or folders of notebooks, run in the order given.",
            Arity = ArgumentArity.OneOrMore,
        };
        var preset = new Option<string?>("--preset") { Description = "Sets each notebook's `preset` parameter (smoke, quick, paper, full)." };
        var parameters = new Option<string[]>("--parameter", "-p")
        {
            Description = "Overrides a variable of the cell tagged `parameters`: -p name=value (repeatable).",
        };
        var outDir = new Option<string>("--out") { Description = "Output folder.", DefaultValueFactory = _ => "out" };
        var timeout = new Option<double>("--cell-timeout")
        {
            Description = "Seconds a cell may run silent (no output, not finished) before its notebook's worker is killed.", DefaultValueFactory = _ => 600,
        };
        var command = new Command("run", "Runs notebooks headless: executed .ipynb, figures and index.html in --out.")
        {
            inputs, preset, parameters, outDir, timeout,
        };
        command.SetAction(async (result, _) =>
        {
            var options = new RunOptions
            {
                Inputs = result.GetValue(inputs) ?? [],
                Worker = WorkerLauncher.Locate(),
                KitAssembly = typeof(Repro.Preset).Assembly.Location,
                Preset = result.GetValue(preset),
                Parameters = ParseParameters(result.GetValue(parameters) ?? []),
                OutDir = result.GetValue(outDir)!,
                CellTimeout = TimeSpan.FromSeconds(PositiveSeconds(result.GetValue(timeout))),
            };
            var results = await NotebookRunner.RunAsync(options, Console.Error);
            Console.Error.Write(SummaryTable.Format(results));
            Console.Error.WriteLine($"index: {Path.Combine(Path.GetFullPath(options.OutDir), "index.html")}");
            return results.All(r => r.Ok) ? 0 : 1;
        });
        return command;
    }

    /// <summary>Splits each "name=value" at its first '='.</summary>
    internal static IReadOnlyList<KeyValuePair<string, string>> ParseParameters(IEnumerable<string> items) =>
        items.Select(item => item.IndexOf('=') is var eq and > 0
            ? new KeyValuePair<string, string>(item[..eq].Trim(), item[(eq + 1)..])
            : throw new ArgumentException($"-p {item}: expected name=value")).ToList();

    private static double PositiveSeconds(double seconds) => seconds > 0 ? seconds
        : throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"--cell-timeout {seconds}: must be > 0"));
}
