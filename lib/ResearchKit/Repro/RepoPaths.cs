namespace ResearchKit.Repro;

/// <summary>Finds the ResearchKit checkout and the folders derived from it (data, outputs, installed tools).</summary>
public static class RepoPaths
{
    private static readonly Lazy<string?> LazyRoot = new(FindRoot);

    /// <summary>The first ancestor of the current directory, then of this assembly, that holds ResearchKit.sln; null if none.</summary>
    public static string? Root => LazyRoot.Value;

    /// <summary>The run-output folder: env RESEARCHKIT_OUT, else &lt;repo&gt;/out, else ./out.</summary>
    public static string Out =>
        Environment.GetEnvironmentVariable("RESEARCHKIT_OUT") is { Length: > 0 } o ? o
        : Path.Combine(Root ?? Directory.GetCurrentDirectory(), "out");

    private static string? FindRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "ResearchKit.sln")))
                    return dir.FullName;
        }
        return null;
    }
}
