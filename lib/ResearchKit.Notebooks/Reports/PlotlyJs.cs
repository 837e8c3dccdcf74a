namespace ResearchKit.Notebooks.Reports;

/// <summary>Finds plotly.min.js (env RESEARCHKIT_PLOTLYJS, else the repo's pinned <c>.deps</c> copy) for HTML figures.</summary>
public static class PlotlyJs
{
    /// <summary>The environment variable that points at plotly.min.js.</summary>
    public const string EnvironmentVariable = "RESEARCHKIT_PLOTLYJS";

    private static readonly string RelativeToRepo =
        Path.Combine(".deps", "node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>Returns the path of plotly.min.js found from the environment or above any of
    /// <paramref name="startFolders"/>, or null when there is none.</summary>
    public static string? Locate(IEnumerable<string> startFolders)
    {
        if (Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } env)
            return File.Exists(env) ? Path.GetFullPath(env) : throw new FileNotFoundException(
                $"{EnvironmentVariable} points at {env}, which does not exist");
        foreach (var start in startFolders)
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, RelativeToRepo);
                if (File.Exists(candidate)) return candidate;
            }
        }
        return null;
    }
}
