using ResearchKit.Repro;

namespace ResearchKit.Tests.Repro;

public sealed class CheckListTests
{
    [Fact]
    public void NearAndEqual_DecideEachRow_AndTheCaptionCountsThem()
    {
        var checks = new CheckList("demo")
            .Near("e", 0.25139, 0.2514, 1e-4)
            .Near("f", 0.30, 0.2514, 1e-4)
            .Equal("k", 24, 24);
        Assert.Equal([true, false, true], checks.Checks.Select(c => c.Pass));
        Assert.Equal("0.2514 ± 0.0001", checks.Checks[0].Expected);
        Assert.False(checks.AllPass);
        Assert.Equal("demo: 2 of 3 checks hold", checks.Summary);
        Assert.Contains("NO", checks.ToString());
    }

    [Fact]
    public void AssertAll_ThrowsListingOnlyTheFailingChecks()
    {
        var checks = new CheckList("demo").Equal("k", 9, 9).Near("f", 0.30, 0.2514, 1e-4, "0.00");
        var e = Assert.Throws<InvalidOperationException>(() => checks.AssertAll());
        Assert.Equal("demo: 1 of 2 checks failed: f: measured 0.30, expected 0.25 ± 0.0001", e.Message);
        var ok = new CheckList("ok").Equal("k", 1, 1);
        Assert.Same(ok, ok.AssertAll());
    }
}
