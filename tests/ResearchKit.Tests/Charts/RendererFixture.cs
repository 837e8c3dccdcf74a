using ResearchKit.Charts;

namespace ResearchKit.Tests.Charts;

/// <summary>One renderer (one Chromium) shared by the browser tests, stopped when they are done.</summary>
public sealed class RendererFixture : IDisposable
{
    public PlotlyRenderer Renderer { get; } = new();

    public void Dispose() => Renderer.Dispose();
}
