using System.Diagnostics;
using ResearchKit.Repro;

namespace ResearchKit.Tests.Cli;

/// <summary>Runs the built `researchkit` executable and captures its exit code, stdout and stderr.</summary>
internal static class CliProcess
{
    public static string Executable =>
        Path.Combine(RepoPaths.Root ?? throw new InvalidOperationException("not inside a ResearchKit checkout"),
            "artifacts", "bin", "ResearchKit.Cli", "release", "researchkit");

    public static (int ExitCode, string Stdout, string Stderr) Run(params string[] args)
    {
        var psi = new ProcessStartInfo(Executable) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"researchkit {string.Join(' ', args)} did not exit within 60 s");
        }
        return (p.ExitCode, stdout.Result, stderr.Result);
    }
}
