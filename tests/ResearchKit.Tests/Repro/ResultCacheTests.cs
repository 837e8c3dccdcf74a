using ResearchKit.Repro;

namespace ResearchKit.Tests.Repro;

public sealed class ResultCacheTests : IDisposable
{
    private sealed record Cfg(int Seed, double Alpha);

    private sealed record Res(double Value, RunManifest Manifest) : IExperimentResult;

    private readonly string folder = Directory.CreateTempSubdirectory("rk-cache-").FullName;
    private int runs;

    public void Dispose() => Directory.Delete(folder, recursive: true);

    private Res Run(Cfg cfg, string commit)
    {
        runs++;
        return new Res(cfg.Alpha * 2, RunManifest.Start("Demo", cfg, cfg.Seed).Stop() with { Commit = commit });
    }

    [Fact]
    public void SecondCallWithSameConfigAndCleanCommit_ReusesTheStoredResult()
    {
        var cfg = new Cfg(1, 0.25);
        var first = ResultCache.GetOrRun(folder, "abc", "Demo", cfg, c => Run(c, "abc"));
        var second = ResultCache.GetOrRun(folder, "abc", "Demo", cfg, c => Run(c, "abc"));
        Assert.Equal(1, runs);
        Assert.Equal(0.5, second.Value);
        Assert.Equal(first.Manifest.ConfigHash, second.Manifest.ConfigHash);
        Assert.True(File.Exists(Path.Combine(folder, "Demo", ConfigHash.Of(cfg) + ".json")));
    }

    [Fact]
    public void OtherConfigOrOtherCommitOrDirtyTree_Recomputes()
    {
        ResultCache.GetOrRun(folder, "abc", "Demo", new Cfg(1, 0.25), c => Run(c, "abc"));
        ResultCache.GetOrRun(folder, "abc", "Demo", new Cfg(2, 0.25), c => Run(c, "abc"));
        ResultCache.GetOrRun(folder, "def", "Demo", new Cfg(1, 0.25), c => Run(c, "def"));
        ResultCache.GetOrRun(folder, "def+dirty", "Demo", new Cfg(1, 0.25), c => Run(c, "def+dirty"));
        ResultCache.GetOrRun(folder, "def+dirty", "Demo", new Cfg(1, 0.25), c => Run(c, "def+dirty"));
        Assert.Equal(5, runs);
    }

    [Fact]
    public void CorruptCacheFile_IsRecomputedAndOverwritten()
    {
        var cfg = new Cfg(3, 1.5);
        var path = Path.Combine(folder, "Demo", ConfigHash.Of(cfg) + ".json");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "{ not json");
        var result = ResultCache.GetOrRun(folder, "abc", "Demo", cfg, c => Run(c, "abc"));
        Assert.Equal(3.0, result.Value);
        Assert.Equal(1, runs);
        Assert.Contains("\"value\": 3", File.ReadAllText(path));
    }
}
