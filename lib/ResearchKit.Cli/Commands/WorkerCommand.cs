using System.CommandLine;
using ResearchKit.Notebooks.Worker;

namespace ResearchKit.Cli.Commands;

/// <summary>The hidden <c>worker</c> subcommand: the child process <c>researchkit run</c> starts for each notebook.</summary>
internal static class WorkerCommand
{
    /// <summary>The subcommand name the runner passes to its child processes.</summary>
    public const string Name = "worker";

    /// <summary>Returns the hidden command that reads a run request on stdin and streams cell events on stdout.</summary>
    public static Command Create()
    {
        var command = new Command(Name, "Runs one notebook for `researchkit run` (internal).") { Hidden = true };
        command.SetAction((_, _) => NotebookWorker.RunAsync(Console.OpenStandardInput(), Console.OpenStandardOutput()));
        return command;
    }
}
