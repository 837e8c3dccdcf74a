using System.CommandLine;
using ResearchKit.Notebooks.Kernel;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit kernel`: serve a Jupyter connection file (what the kernelspec runs), or `kernel install`.</summary>
internal static class KernelCommand
{
    /// <summary>Builds the command and its install subcommand.</summary>
    public static Command Create()
    {
        var connection = new Option<string>("--connection-file") { Description = "The Jupyter connection file (Jupyter passes it)", Required = true };
        var cmd = new Command("kernel", "Run the C# Jupyter kernel on a connection file (Jupyter starts it through the kernelspec).") { connection };
        cmd.SetAction(parse => JupyterKernel.Run(parse.GetValue(connection)!));
        cmd.Subcommands.Add(Install());
        return cmd;
    }

    private static Command Install()
    {
        var user = new Option<bool>("--user") { Description = "Install for the current user (~/.local/share/jupyter/kernels)" };
        var name = new Option<string>("--name") { Description = "Kernelspec name", DefaultValueFactory = _ => JupyterKernel.DefaultName };
        var prefix = new Option<string?>("--prefix") { Description = "Install under PREFIX/share/jupyter/kernels (e.g. a virtual env)" };
        var cmd = new Command("install", "Write the kernelspec that starts this researchkit as a Jupyter kernel.") { user, name, prefix };
        cmd.SetAction(parse =>
        {
            var folder = JupyterKernel.Install(JupyterKernel.KernelsFolder(parse.GetValue(user), parse.GetValue(prefix)), parse.GetValue(name)!,
                Environment.ProcessPath ?? throw new InvalidOperationException("researchkit: cannot tell its own executable path"),
                KernelLogo.Files());
            Console.WriteLine($"installed kernelspec {parse.GetValue(name)} in {folder}");
            return 0;
        });
        return cmd;
    }
}
