using System.Diagnostics;

namespace ResearchKit.Tests.Cli;

/// <summary>Starts the built `researchkit` executable (artifacts/bin/ResearchKit.Cli/release) and captures its output.</summary>
internal static class CliProcess
{
    public static string RepoRoot { get; } = FindRepoRoot();

    public static string Executable => Path.Combine(RepoRoot, "artifacts", "bin", "ResearchKit.Cli", "release", "researchkit");


    public static CliResult Run(params string[] args) => Run(args, null);

    public static CliResult Run(IEnumerable<string> args, IDictionary<string, string>? env, int timeoutSeconds = 120)
    {
        var psi = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        foreach (var (k, v) in env ?? new Dictionary<string, string>()) psi.Environment[k] = v;
        var clock = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(true);
            p.WaitForExit();
            var last = string.Join('\n', stderr.Result.Split('\n').TakeLast(20));
            throw new TimeoutException($"researchkit did not exit within {timeoutSeconds} s; the end of its stderr:\n{last}");
        }
        return new CliResult(p.ExitCode, stdout.Result, stderr.Result, clock.Elapsed.TotalSeconds);
    }

    private static string FindRepoRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ResearchKit.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("ResearchKit.sln not found above " + AppContext.BaseDirectory);
    }
}

public sealed record CliResult(int ExitCode, string Stdout, string Stderr, double Seconds);
