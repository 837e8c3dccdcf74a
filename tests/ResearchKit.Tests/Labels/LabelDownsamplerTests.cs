using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Metrics;
using ResearchKit.Tests.Spectral;

namespace ResearchKit.Tests.Labels;

public class LabelDownsamplerTests
{
    private const byte V = 11;

    // Soft-labelling spec 3.1: 8x8, C = 4, void V.
    /// <summary>The soft-labelling spec §3.1 label (the library keeps it, typed from the spec).</summary>
    internal static LabelMap EightByEight() => ResearchKit.Experiments.SoftLabelling.LabelRulesWorkedExample.Label();

    [Theory]
    [InlineData(LabelDownsampling.NearestCentre, new byte[] { 2, 1, 0, 1 })]
    [InlineData(LabelDownsampling.NearestTopLeft, new byte[] { 0, 1, 0, V })]
    [InlineData(LabelDownsampling.Majority, new byte[] { 0, 1, 0, 1 })]
    public void HardRules_MatchTheSoftLabellingSpecTable(LabelDownsampling rule, byte[] expected)
    {
        var down = LabelDownsampler.Downsample(EightByEight(), 4, rule, 4, V);
        Assert.Equal((2, 2), (down.Height, down.Width));
        Assert.Equal(expected, down.Data);
    }

    [Fact]
    public void Majority_BreaksTiesToTheLowestIdAndKeepsAllVoidTilesVoid()
    {
        // Spectral spec 3.3.
        var label = new LabelMap(4, 4, new byte[] { 0, 0, 2, V, 1, 1, V, V, V, V, 1, 2, V, V, 2, 3 });
        var down = LabelDownsampler.Downsample(label, 2, LabelDownsampling.Majority, 11, V);
        Assert.Equal(new byte[] { 0, 2, V, 2 }, down.Data);
    }

    [Theory]
    [InlineData(2, 13, 986)]
    [InlineData(4, 4, 940)]
    [InlineData(8, 0, 872)]
    public void ThirtyTwoByThirtyTwo_BlockLabelsMatchTheSpecTiesAndAgreement(int b, int tiedTiles, int agreeingPixels)
    {
        var label = SyntheticLabels.ThirtyTwo();
        Assert.Equal(tiedTiles, CountTiedTiles(label, b, 3));
        var block = LabelDownsampler.Replicate(LabelDownsampler.Downsample(label, b, LabelDownsampling.Majority, 3, 255), b);
        var agreement = new ConfusionMatrix(3, 255);
        agreement.Add(label, block);
        Assert.Equal(100.0 * agreeingPixels / 1024, agreement.PixelAccuracy(), 10);
    }

    [Fact]
    public void Replicate_RepeatsEachLabelOverItsBlock()
    {
        var up = LabelDownsampler.Replicate(new LabelMap(1, 2, new byte[] { 3, 5 }), 2);
        Assert.Equal((2, 4), (up.Height, up.Width));
        Assert.Equal(new byte[] { 3, 3, 5, 5, 3, 3, 5, 5 }, up.Data);
    }

    [Fact]
    public void NearestCentreThenReplicate_IsTheIdentityOnBlockConstantLabels()
    {
        var blocky = LabelDownsampler.Replicate(new LabelMap(2, 3, new byte[] { 0, 1, 2, 2, V, 0 }), 4);
        foreach (var rule in Enum.GetValues<LabelDownsampling>().Where(r => !r.IsSoft()))
            Assert.Equal(blocky.Data, LabelDownsampler.Replicate(LabelDownsampler.Downsample(blocky, 4, rule, 3, V), 4).Data);
    }

    [Fact]
    public void FactorNotDividingTheSize_ThrowsNamingTheSizes()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            LabelDownsampler.Downsample(EightByEight(), 3, LabelDownsampling.Majority, 4, V));
        Assert.Contains("3", e.Message);
        Assert.Contains("8x8", e.Message);
    }

    [Fact]
    public void SoftRule_IsRefusedByTheHardDownsampler_PointingToSoftLabels()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            LabelDownsampler.Downsample(EightByEight(), 4, LabelDownsampling.SoftBox, 4, V));
        Assert.Contains("SoftLabels", e.Message);
    }

    [Fact]
    public void IdThatIsNeitherClassNorVoid_Throws()
    {
        var e = Assert.Throws<ArgumentException>(() =>
            LabelDownsampler.Downsample(EightByEight(), 4, LabelDownsampling.NearestCentre, 3, V));
        Assert.Contains("row 3, column 6", e.Message);
    }

    /// <summary>Tiles whose largest class count is shared by two or more classes (checks the fixture, not the library).</summary>
    private static int CountTiedTiles(LabelMap label, int b, int numClasses)
    {
        var tied = 0;
        for (var a = 0; a < label.Height / b; a++)
        for (var c = 0; c < label.Width / b; c++)
        {
            var counts = new int[numClasses];
            for (var m = a * b; m < (a + 1) * b; m++)
            for (var n = c * b; n < (c + 1) * b; n++) counts[label[m, n]]++;
            if (counts.Count(x => x == counts.Max()) > 1) tied++;
        }
        return tied;
    }
}
