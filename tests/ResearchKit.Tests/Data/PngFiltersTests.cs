using ResearchKit.Data;

namespace ResearchKit.Tests.Data;

public class PngFiltersTests
{
    [Theory]
    [InlineData(10, 20, 15, 15)] // p = 15: |p-a| = 5, |p-b| = 5, |p-c| = 0 -> c
    [InlineData(10, 20, 10, 20)] // p = 20 -> b exactly
    [InlineData(20, 10, 10, 20)] // p = 20 -> a exactly
    [InlineData(5, 5, 5, 5)]     // all tie -> a
    [InlineData(100, 50, 200, 50)] // p = -50: |p-a| = 150, |p-b| = 100, |p-c| = 250 -> b
    public void Paeth_PicksTheNeighbourClosestToGradient(byte a, byte b, byte c, byte expected) =>
        Assert.Equal(expected, PngFilters.Paeth(a, b, c));

    [Fact]
    public void SubFilter_OnHandExample_StoresDifferencesFromTheLeft()
    {
        byte[] row = [10, 20, 25, 5], dst = new byte[4];
        PngFilters.Filter(1, row, new byte[4], 1, dst);
        Assert.Equal([10, 10, 5, 236], dst); // 5 - 25 = -20 = 236 mod 256
    }

    [Fact]
    public void AverageFilter_OnHandExample_UsesFloorOfLeftPlusAbove()
    {
        byte[] row = [10, 20], prior = [3, 7], dst = new byte[2];
        PngFilters.Filter(3, row, prior, 1, dst);
        Assert.Equal([9, 12], dst); // 10 - (3>>1) = 9; 20 - ((10+7)>>1) = 12
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(6)]
    [InlineData(8)]
    public void EveryFilter_UnfiltersBackToTheRow(int bpp)
    {
        var rng = new Random(bpp);
        var row = new byte[53];
        var prior = new byte[53];
        rng.NextBytes(row);
        rng.NextBytes(prior);
        for (int f = 0; f < 5; f++)
        {
            var work = new byte[53];
            PngFilters.Filter(f, row, prior, bpp, work);
            PngFilters.Unfilter(f, work, prior, bpp);
            Assert.Equal(row, work);
        }
    }

    [Fact]
    public void Cost_ReadsBytesAsSigned() => Assert.Equal(1 + 1 + 128 + 5, PngFilters.Cost([1, 255, 128, 5]));
}
