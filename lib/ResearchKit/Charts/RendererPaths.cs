using ResearchKit.Repro;

namespace ResearchKit.Charts;

/// <summary>Finds the files PNG rendering needs: plotly.min.js and the Chromium executable.</summary>
internal static class RendererPaths
{
    /// <summary>Environment variable that points at plotly.min.js, overriding the repository copy.</summary>
    internal const string PlotlyJsVariable = "RESEARCHKIT_PLOTLYJS";

    /// <summary>Where scripts/setup.sh installs plotly.js, relative to the repository root.</summary>
    internal static readonly string RepoPlotlyJs = Path.Combine(".deps", "node_modules", "plotly.js-dist-min", "plotly.min.js");

    /// <summary>
    /// plotly.min.js from RESEARCHKIT_PLOTLYJS if set, else from the repository found by <see cref="RepoPaths.Root"/>;
    /// null, with the place looked in, when absent.
    /// </summary>
    internal static string? FindPlotlyJs(out string lookedIn)
    {
        string? fromEnv = Environment.GetEnvironmentVariable(PlotlyJsVariable);
        if (!string.IsNullOrEmpty(fromEnv))
        {
            lookedIn = $"{PlotlyJsVariable}={fromEnv}";
            return File.Exists(fromEnv) ? Path.GetFullPath(fromEnv) : null;
        }
        if (RepoPaths.Root is not { } root)
        {
            lookedIn = $"no ResearchKit.sln above {Environment.CurrentDirectory} or {AppContext.BaseDirectory}, and {PlotlyJsVariable} is not set";
            return null;
        }
        lookedIn = Path.Combine(root, RepoPlotlyJs);
        return File.Exists(lookedIn) ? lookedIn : null;
    }

    /// <summary>The Debian chromium executable: "chromium" (or "chromium-browser") on PATH, else /usr/bin/chromium; null if none.</summary>
    internal static string? FindChromium()
    {
        var dirs = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries);
        foreach (string name in new[] { "chromium", "chromium-browser" })
            foreach (string dir in dirs)
            {
                string candidate = Path.Combine(dir, name);
                if (File.Exists(candidate)) return candidate;
            }
        return File.Exists("/usr/bin/chromium") ? "/usr/bin/chromium" : null;
    }
}
