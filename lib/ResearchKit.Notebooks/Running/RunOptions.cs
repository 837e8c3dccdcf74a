namespace ResearchKit.Notebooks.Running;

/// <summary>What <c>researchkit run</c> was asked to do.</summary>
public sealed record RunOptions
{
    /// <summary>Notebook files and folders (a folder means its *.ipynb files, in name order).</summary>
    public required IReadOnlyList<string> Inputs { get; init; }

    /// <summary>How to start the worker processes.</summary>
    public required WorkerLauncher Worker { get; init; }

    /// <summary>The ResearchKit.dll this runner was built with; a notebook whose <c>#r "nuget: ResearchKit"</c> resolves
    /// another build fails at that cell (a stale local feed). Null: no check.</summary>
    public string? KitAssembly { get; init; }

    /// <summary>The value for each notebook's <c>preset</c> parameter, or null to keep the notebook's own.</summary>
    public string? Preset { get; init; }

    /// <summary>Overrides from <c>-p name=value</c>, in command-line order.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Parameters { get; init; } = [];

    /// <summary>Where executed notebooks, figures and index.html go.</summary>
    public string OutDir { get; init; } = "out";

    /// <summary>A cell that runs this long without finishing or writing any output is killed (with its whole process
    /// tree) and fails its notebook; each output restarts the clock, so training that reports progress runs on.</summary>
    public TimeSpan CellTimeout { get; init; } = TimeSpan.FromSeconds(600);

    /// <summary>plotly.min.js to copy next to the HTML figures; null finds it from RESEARCHKIT_PLOTLYJS or
    /// <c>.deps/node_modules/plotly.js-dist-min</c> above the notebooks or the current folder.</summary>
    public string? PlotlyJsPath { get; init; }
}
