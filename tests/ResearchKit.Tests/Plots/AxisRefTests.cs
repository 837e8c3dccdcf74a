using ResearchKit.Plots;

namespace ResearchKit.Tests.Plots;

public sealed class AxisRefTests
{
    [Fact]
    public void Ids_FollowPlotlyNaming()
    {
        Assert.Equal("x", AxisRef.X().Id);
        Assert.Equal("x2", AxisRef.X(2).Id);
        Assert.Equal("y", AxisRef.Y(1).Id);
        Assert.Equal("y3 domain", AxisRef.Y(3).Domain.Id);
        Assert.Equal("paper", AxisRef.Paper.Id);
    }

    [Fact]
    public void LayoutKeys_AreAxisNamesWithoutIndexOne()
    {
        Assert.Equal("xaxis", AxisRef.X().LayoutKey);
        Assert.Equal("yaxis2", AxisRef.Y(2).LayoutKey);
        Assert.Throws<InvalidOperationException>(() => AxisRef.Paper.LayoutKey);
        Assert.Throws<InvalidOperationException>(() => AxisRef.X().Domain.LayoutKey);
    }

    [Fact]
    public void EqualRefs_CompareEqual_AndIndexZeroIsRejected()
    {
        Assert.Equal(AxisRef.X(2), AxisRef.X(2));
        Assert.NotEqual(AxisRef.X(2), AxisRef.Y(2));
        Assert.NotEqual(AxisRef.X(), AxisRef.X().Domain);
        Assert.Throws<ArgumentException>(() => AxisRef.X(0));
        Assert.Throws<InvalidOperationException>(() => AxisRef.Paper.Domain);
    }
}
