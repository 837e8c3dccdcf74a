using System.CommandLine;
using ResearchKit.Cli;
using ResearchKit.Cli.Commands;

var root = new RootCommand("ResearchKit: label spectra, soft labels and self-regulation experiments for semantic segmentation.");
root.Subcommands.Add(RunCommand.Create());
root.Subcommands.Add(ReadmeStatusCommand.Create());
root.Subcommands.Add(DocsCommand.Create());
root.Subcommands.Add(SpectrumCommand.Create());
root.Subcommands.Add(DownsampleCommand.Create());
root.Subcommands.Add(TrainCommand.Create());
root.Subcommands.Add(EvalCommand.Create());
root.Subcommands.Add(BenchCommand.Create());
return CliErrors.Invoke(root, args);
