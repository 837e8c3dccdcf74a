namespace ResearchKit.Charts;

/// <summary>Settings of a <see cref="PlotlyRenderer"/>; defaults find Chromium and plotly.js on their own.</summary>
public sealed record PlotlyRendererOptions
{
    /// <summary>Chromium executable; null searches PATH for "chromium", then /usr/bin/chromium.</summary>
    public string? ChromiumPath { get; init; }

    /// <summary>plotly.min.js; null uses RESEARCHKIT_PLOTLYJS, then &lt;repo&gt;/.deps/node_modules/plotly.js-dist-min/plotly.min.js.</summary>
    public string? PlotlyJsPath { get; init; }

    /// <summary>How long starting Chromium and loading plotly.js may take.</summary>
    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one figure may take to render.</summary>
    public TimeSpan RenderTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>PNG width in pixels when the figure's layout sets none.</summary>
    public int DefaultWidth { get; init; } = ChartStyle.Width;

    /// <summary>PNG height in pixels when the figure's layout sets none.</summary>
    public int DefaultHeight { get; init; } = ChartStyle.Height;
}
