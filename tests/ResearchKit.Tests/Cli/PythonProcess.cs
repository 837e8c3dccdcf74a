using System.Diagnostics;

namespace ResearchKit.Tests.Cli;

/// <summary>Runs a script with Debian's /usr/bin/python3 (the interpreter that owns numpy, torch and jupyter_client) and
/// returns its standard output; a non-zero exit fails the test with the script's standard error.</summary>
internal static class PythonProcess
{
    public static string Run(string code, int timeoutSeconds = 300, IReadOnlyDictionary<string, string>? environment = null) =>
        RunArguments(["-c", code], timeoutSeconds, environment);

    /// <summary>Runs <c>python3 -m <paramref name="module"/> <paramref name="args"/></c>, e.g. nbconvert.</summary>
    public static string RunModule(string module, IEnumerable<string> args, int timeoutSeconds = 300,
                                   IReadOnlyDictionary<string, string>? environment = null) =>
        RunArguments(["-m", module, .. args], timeoutSeconds, environment);

    private static string RunArguments(IEnumerable<string> arguments, int timeoutSeconds, IReadOnlyDictionary<string, string>? environment)
    {
        var psi = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) psi.Environment[key] = value;
        foreach (var a in arguments) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(timeoutSeconds * 1000))
        {
            p.Kill(true);
            throw new TimeoutException($"/usr/bin/python3 did not finish within {timeoutSeconds} s");
        }
        Assert.True(p.ExitCode == 0, stderr.Result);
        return stdout.Result.Trim();
    }
}
