using System.CommandLine;
using System.Globalization;
using ResearchKit.Notebooks.Reports;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit docs [--out DIR] [--to DIR] [--preset NAME] [--max-mb N] [--prose-from DIR]</c>: copies the executed notebooks
/// of a run folder into docs/paper with every chart reduced to its PNG (see <see cref="DocsExport"/>).</summary>
internal static class DocsCommand
{
    /// <summary>Returns the <c>docs</c> command.</summary>
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "The run folder whose index.json lists the executed notebooks.", DefaultValueFactory = _ => "out" };
        var to = new Option<string>("--to") { Description = "The folder to write the stripped notebooks to.", DefaultValueFactory = _ => Path.Combine("docs", "paper") };
        var preset = new Option<string>("--preset") { Description = "The preset every notebook must have run on.", DefaultValueFactory = _ => "paper" };
        var maxMb = new Option<double>("--max-mb") { Description = "The most the notebooks may take together, in MB.", DefaultValueFactory = _ => DocsExport.DefaultMaxBytes / 1e6 };
        var prose = new Option<string?>("--prose-from") { Description = "Take each notebook's markdown from the notebook of the same name in this folder (e.g. notebooks), whose code must be the one that ran." };
        var command = new Command("docs", "Copies the executed notebooks of <out> into <to>, each chart kept as PNG only (no Plotly JSON or plotly.js).")
            { outDir, to, preset, maxMb, prose };
        command.SetAction(result =>
        {
            var exported = DocsExport.Export(result.GetValue(outDir)!, result.GetValue(to)!, result.GetValue(preset)!,
                (long)(result.GetValue(maxMb) * 1e6), result.GetValue(prose));
            foreach (var e in exported)
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{e.Path}  {e.Bytes / 1e6,6:F2} MB  {e.Charts} chart(s) as PNG"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{exported.Count} notebook(s), {exported.Sum(e => e.Bytes) / 1e6:F2} MB in all"));
            return 0;
        });
        return command;
    }
}
