using System.CommandLine;

namespace ResearchKit.Cli;

/// <summary>Runs the command line and turns expected failures into one-line errors with exit code 1.</summary>
internal static class CliErrors
{
    /// <summary>Parses and invokes <paramref name="args"/>; user errors print "researchkit: message" to stderr.</summary>
    public static int Invoke(RootCommand root, string[] args)
    {
        try
        {
            return root.Parse(args).Invoke(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (IsUserError(e))
        {
            Console.Error.WriteLine($"researchkit: {OneLine(e.Message)}");
            return 1;
        }
    }

    /// <summary>Bad files, bad arguments and a diverged training run are the user's to fix; anything else is a bug and
    /// keeps its stack trace.</summary>
    private static bool IsUserError(Exception e) =>
        e is IOException or InvalidDataException or ArgumentException or FormatException or UnauthorizedAccessException
            or Training.TrainingDivergedException or Engine.TorchLoadException;

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();
}
