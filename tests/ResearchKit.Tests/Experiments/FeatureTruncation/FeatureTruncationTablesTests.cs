using ResearchKit.Experiments.FeatureTruncation;

namespace ResearchKit.Tests.Experiments.FeatureTruncation;

/// <summary>NB04's tables as frames, built from <see cref="FeatureTruncationSample"/>.</summary>
public sealed class FeatureTruncationTablesTests
{
    [Fact]
    public void Arms_KeepsTheNumbersAsNumbers_WithTheDecodersFallAgainstT1()
    {
        var t = FeatureTruncationTables.Arms(FeatureTruncationSample.Result());
        Assert.Equal(["t", "operator", "trained", "val mIoU", "thin-class mIoU", "decoder + head MMACs", "fall vs t = 1 (×)", "total MMACs", "ms / val image"], t.ColumnKeys);
        Assert.Equal(10, t.RowCount); // 2 × 3 trained arms, then 2 × 2 test-only ones
        Assert.Equal([1L, 2, 4, 1, 2, 4, 2, 4, 2, 4], t.GetColumn<long>("t").Values);
        Assert.Equal("AreaDownsample", t.GetColumn<string>("operator")[0]);
        Assert.Equal([true, true, true, true, true, true, false, false, false, false], t.GetColumn<bool>("trained").Values);
        Assert.Equal("41.00 ± 1.41", t.GetColumn<string>("val mIoU")[0]);
        Assert.Equal([400.0, 100, 25], t.GetColumn<double>("decoder + head MMACs").Values.Take(3));
        Assert.Equal([1.0, 4, 16], t.GetColumn<double>("fall vs t = 1 (×)").Values.Take(3));
        Assert.Equal(1000.0, t.GetColumn<double>("total MMACs")[0]);
        Assert.Equal(12.0, t.GetColumn<double>("ms / val image")[4]);
    }

    [Fact]
    public void Settings_ListsStridesOperatorsAndSeeds()
    {
        var t = FeatureTruncationTables.Settings(FeatureTruncationConfig.Smoke);
        Assert.Equal(["setting", "value"], t.ColumnKeys);
        var settings = t.GetColumn<string>("setting").Values.ToList();
        Assert.Equal("1, 2, 4", t.GetColumn<string>("value")[settings.IndexOf("decoder strides t")]);
        Assert.Equal("AreaDownsample, SpectralCrop", t.GetColumn<string>("value")[settings.IndexOf("operators")]);
        Assert.StartsWith("TinyUNet widths", t.GetColumn<string>("value")[settings.IndexOf("network")]);
    }
}
