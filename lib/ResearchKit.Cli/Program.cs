using System.CommandLine;
using ResearchKit.Cli;

var root = new RootCommand("ResearchKit: label spectra, soft labels and self-regulation experiments for semantic segmentation.");
root.Subcommands.Add(ResearchKit.Cli.Commands.SpectrumCommand.Create());
root.Subcommands.Add(ResearchKit.Cli.Commands.BenchCommand.Create());
return CliErrors.Invoke(root, args);
