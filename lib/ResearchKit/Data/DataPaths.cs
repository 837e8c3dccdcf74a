namespace ResearchKit.Data;

/// <summary>Where datasets live: $RESEARCHKIT_DATA if set, else the data/ folder of the ResearchKit repository.</summary>
public static class DataPaths
{
    /// <summary>The environment variable that overrides the data root.</summary>
    public const string EnvironmentVariable = "RESEARCHKIT_DATA";

    /// <summary>The data root: $RESEARCHKIT_DATA, else &lt;repo&gt;/data with repo the first ancestor of the current folder (then of this assembly) holding ResearchKit.sln.</summary>
    public static string Root => Resolve(
        Environment.GetEnvironmentVariable(EnvironmentVariable),
        Directory.GetCurrentDirectory(),
        Path.GetDirectoryName(typeof(DataPaths).Assembly.Location) is { Length: > 0 } dir ? dir : AppContext.BaseDirectory);

    /// <summary>Root/camvid, the folder <see cref="Data.CamVid.Open"/> expects.</summary>
    public static string CamVid => Path.Combine(Root, "camvid");

    /// <summary>The data root given the environment value and the two folders to search upwards from.</summary>
    internal static string Resolve(string? environmentValue, string currentFolder, string assemblyFolder)
    {
        if (!string.IsNullOrWhiteSpace(environmentValue))
            return Path.GetFullPath(environmentValue);
        string? repo = FindRepository(currentFolder) ?? FindRepository(assemblyFolder);
        return repo is not null
            ? Path.Combine(repo, "data")
            : throw new DirectoryNotFoundException(
                $"{currentFolder}: no ResearchKit.sln above this folder or {assemblyFolder}; set {EnvironmentVariable} to the data folder");
    }

    /// <summary>The first of <paramref name="start"/> and its ancestors that holds ResearchKit.sln, or null.</summary>
    internal static string? FindRepository(string start)
    {
        for (var dir = new DirectoryInfo(Path.GetFullPath(start)); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ResearchKit.sln")))
                return dir.FullName;
        return null;
    }
}
