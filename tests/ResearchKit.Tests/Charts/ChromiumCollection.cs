namespace ResearchKit.Tests.Charts;

/// <summary>Test classes that render PNGs share one Chromium (started once, on first use) and run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class ChromiumCollection : ICollectionFixture<RendererFixture>
{
    public const string Name = "Chromium";
}
