using System.Reflection;

namespace ResearchKit.Repro;

/// <summary>Which config, seed, code and machine produced a result, and how long it took.</summary>
public sealed record RunManifest(
    string Experiment,
    string ConfigHash,
    int Seed,
    string Commit,
    string KitVersion,
    DateTime StartedUtc,
    double WallSeconds,
    int ProcessorCount,
    string Machine)
{
    /// <summary>Starts a manifest now for <paramref name="cfg"/>; finish it with <see cref="Stop"/>.</summary>
    public static RunManifest Start<TConfig>(string experiment, TConfig cfg, int seed) => new(
        experiment,
        Repro.ConfigHash.Of(cfg),
        seed,
        GitInfo.Commit,
        typeof(RunManifest).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown",
        DateTime.UtcNow,
        0,
        Environment.ProcessorCount,
        $"{Environment.OSVersion.VersionString}, {System.Runtime.InteropServices.RuntimeInformation.FrameworkDescription}");

    /// <summary>This manifest with the wall time since <see cref="StartedUtc"/> filled in.</summary>
    public RunManifest Stop() => this with { WallSeconds = (DateTime.UtcNow - StartedUtc).TotalSeconds };

    /// <summary>One line for notebooks and logs: experiment, config hash, seed, commit, wall time.</summary>
    public override string ToString() =>
        $"{Experiment} config {ConfigHash}, seed {Seed}, commit {Commit[..Math.Min(12, Commit.Length)]}{(Commit.EndsWith("+dirty") ? "+dirty" : "")}, {WallSeconds:F1} s on {ProcessorCount} cores";
}
