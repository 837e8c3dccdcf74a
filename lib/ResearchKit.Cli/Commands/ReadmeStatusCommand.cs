using System.CommandLine;
using ResearchKit.Notebooks.Reports;

namespace ResearchKit.Cli.Commands;

/// <summary><c>researchkit readme-status [--out DIR] [--readme FILE]</c>: sets the README's notebook status column
/// from the verdicts of the last runs written to the out folder.</summary>
internal static class ReadmeStatusCommand
{
    /// <summary>Returns the <c>readme-status</c> command.</summary>
    public static Command Create()
    {
        var outDir = new Option<string>("--out") { Description = "The run folder whose index.json holds the verdicts.", DefaultValueFactory = _ => "out" };
        var readme = new Option<string>("--readme") { Description = "The README to update in place.", DefaultValueFactory = _ => "README.md" };
        var command = new Command("readme-status", "Sets the README's notebook status column from the verdicts in <out>/index.json.") { outDir, readme };
        command.SetAction(result =>
        {
            var (dir, path) = (result.GetValue(outDir)!, result.GetValue(readme)!);
            var index = Path.Combine(dir, "index.json");
            if (!File.Exists(index)) throw new FileNotFoundException($"{index}: not found (run `researchkit run notebooks --out {dir}` first)");
            if (!File.Exists(path)) throw new FileNotFoundException($"{path}: not found");
            ReadmeStatus.UpdateFile(path, dir);
            Console.Error.WriteLine($"{path}: status column set from {index}");
            return 0;
        });
        return command;
    }
}
