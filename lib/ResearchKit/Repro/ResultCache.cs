using System.Text.Json;
using ResearchKit.IO;

namespace ResearchKit.Repro;

/// <summary>Caches experiment results on disk by config hash, so a reopened notebook re-draws without recomputing.</summary>
/// <remarks>A cached result is reused only when it was made by the same clean commit as the running code; anything
/// else (another commit, a dirty tree, an unreadable file) recomputes, so a fixed bug never hides behind a stale cache.
/// Set RESEARCHKIT_NO_CACHE=1 to always recompute.</remarks>
public static class ResultCache
{
    /// <summary>The cache folder: &lt;out&gt;/cache.</summary>
    public static string Folder => Path.Combine(RepoPaths.Out, "cache");

    /// <summary>Returns the cached result for <paramref name="cfg"/> if valid, else runs <paramref name="run"/> and stores its result atomically.</summary>
    public static TResult GetOrRun<TConfig, TResult>(string experiment, TConfig cfg, Func<TConfig, TResult> run)
        where TResult : IExperimentResult =>
        GetOrRun(Folder, GitInfo.Commit, experiment, cfg, run);

    /// <summary>As the public overload, with the cache folder and the running code's commit given.</summary>
    internal static TResult GetOrRun<TConfig, TResult>(string folder, string commit, string experiment, TConfig cfg,
        Func<TConfig, TResult> run) where TResult : IExperimentResult
    {
        var path = Path.Combine(folder, experiment, ConfigHash.Of(cfg) + ".json");
        if (TryLoad<TResult>(path, commit) is { } cached) return cached;
        var result = run(cfg);
        AtomicFile.WriteAllText(path, JsonSerializer.Serialize(result, ConfigHash.Json));
        return result;
    }

    /// <summary>Where the result of <paramref name="cfg"/> is cached.</summary>
    public static string PathFor<TConfig>(string experiment, TConfig cfg) =>
        Path.Combine(Folder, experiment, ConfigHash.Of(cfg) + ".json");

    private static TResult? TryLoad<TResult>(string path, string commit) where TResult : IExperimentResult
    {
        if (Environment.GetEnvironmentVariable("RESEARCHKIT_NO_CACHE") == "1" || !File.Exists(path)) return default;
        if (commit == "unknown" || commit.EndsWith("+dirty")) return default;
        try
        {
            var result = JsonSerializer.Deserialize<TResult>(File.ReadAllText(path), ConfigHash.Json);
            return result is not null && result.Manifest.Commit == commit ? result : default;
        }
        catch (JsonException)
        {
            return default; // an unreadable cache entry is recomputed and overwritten
        }
    }
}
