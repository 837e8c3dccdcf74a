namespace ResearchKit.Notebooks.Running;

/// <summary>How to start a worker process: an executable and its arguments.</summary>
public sealed record WorkerLauncher(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>The environment variable that names the worker executable, overriding the search.</summary>
    public const string EnvironmentVariable = "RESEARCHKIT_WORKER";

    /// <summary>The worker's executable name (lib/ResearchKit.Notebooks.Worker).</summary>
    public const string ExecutableName = "researchkit-worker";

    /// <summary>Returns the launcher of the worker built beside <paramref name="baseDirectory"/> (the runner's own folder
    /// when null): <c>$RESEARCHKIT_WORKER</c> if set, else the same folder (a publish of both), else the build's artifacts
    /// layout, <c>artifacts/bin/ResearchKit.Notebooks.Worker/&lt;config&gt;/</c> next to <c>artifacts/bin/&lt;cli&gt;/&lt;config&gt;/</c>.
    /// A worker that is not there raises FileNotFoundException naming the places looked at.</summary>
    public static WorkerLauncher Locate(string? baseDirectory = null)
    {
        var candidates = Candidates(baseDirectory ?? AppContext.BaseDirectory).ToList();
        var found = candidates.FirstOrDefault(File.Exists) ?? throw new FileNotFoundException(
            $"the notebook worker {ExecutableName} is not built (looked for {string.Join(", ", candidates)}); " +
            $"build the solution (bash scripts/setup.sh) or set {EnvironmentVariable}");
        return new WorkerLauncher(found, []);
    }

    private static IEnumerable<string> Candidates(string baseDirectory)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } set)
        {
            yield return Path.GetFullPath(set);
            yield break;
        }
        var exe = ExecutableName + (OperatingSystem.IsWindows() ? ".exe" : "");
        var here = Path.TrimEndingDirectorySeparator(Path.GetFullPath(baseDirectory));
        yield return Path.Combine(here, exe);
        // artifacts/bin/<project>/<pivot>: the worker's pivot (configuration, and RID when there is one) is the runner's.
        var pivot = Path.GetFileName(here);
        var bin = Path.GetDirectoryName(Path.GetDirectoryName(here));
        if (bin is not null) yield return Path.Combine(bin, "ResearchKit.Notebooks.Worker", pivot, exe);
    }
}
