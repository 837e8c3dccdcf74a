using ResearchKit.Experiments.LabelSpectra;

namespace ResearchKit.Tests.Experiments.LabelSpectra;

public sealed class LabelSpectraTablesTests
{
    private static readonly LabelSpectraResult Tiny = TinyLabelSpectra.Result();

    [Fact]
    public void Settings_ListsEverySettingOfTheConfig()
    {
        var t = LabelSpectraTables.Settings(Tiny.Config);
        Assert.Equal(["setting", "value"], t.ColumnKeys);
        Assert.Equal(["train labels", "val labels (oracle)", "void handling", "τ", "grid factors s", "class factors", "block sizes b", "seed"],
            t.GetColumn<string>("setting").Values);
        Assert.Equal("0.9, 0.95", t.GetColumn<string>("value")[3]);
        Assert.Equal("ZeroVector", t.GetColumn<string>("value")[2]);
    }

    [Fact]
    public void Pooled_GivesTheTrainLabels_EOfZero_AndTheDenominator_AsNumbers()
    {
        var t = LabelSpectraTables.Pooled(Tiny);
        Assert.Equal(["train labels", "E(0)", "denominator N·ΣN_v"], t.ColumnKeys);
        Assert.Equal(1, t.RowCount);
        Assert.Equal(2L, t.GetColumn<long>("train labels")[0]);
        Assert.Equal(0.25, t.GetColumn<double>("E(0)")[0]);
        Assert.Equal(123_456_789_012L, t.GetColumn<long>("denominator N·ΣN_v")[0]);
    }

    [Fact]
    public void Grid_PutsEachEOfSNextToItsBandShare_AndTheirRatio()
    {
        var t = LabelSpectraTables.Grid(Tiny);
        Assert.Equal(["s", "grid", "share of DFT plane in B(s)", "E(s)", "E(s), void as channel", "E(s) / share"], t.ColumnKeys);
        Assert.Equal(["6×8", "3×4"], t.GetColumn<string>("grid").Values);
        Assert.Equal([0.9, 0.8], t.GetColumn<double>("E(s)").Values);
        Assert.Equal([3.0, 10.0], t.GetColumn<double>("E(s) / share").Values);
        Assert.Equal(0.79, t.GetColumn<double>("E(s), void as channel")[1]);
    }

    [Fact]
    public void Cutoffs_GiveKStarAndSStar_PerTau()
    {
        var t = LabelSpectraTables.Cutoffs(Tiny);
        Assert.Equal(["τ", "K*", "s* = H/(2K*)"], t.ColumnKeys);
        Assert.Equal([0.90, 0.95], t.GetColumn<double>("τ").Values);
        Assert.Equal([3L, 4L], t.GetColumn<long>("K*").Values);
        Assert.Equal([2.0, 1.5], t.GetColumn<double>("s* = H/(2K*)").Values);
    }

    [Fact]
    public void Classes_AreSortedByPixelShare_WithTheirShareInPercentAndEcPerFactor()
    {
        var t = LabelSpectraTables.Classes(Tiny);
        Assert.Equal(["class", "train pixels", "share (%)", "E_c(s=2)", "E_c(s=4)"], t.ColumnKeys);
        Assert.Equal(["Road", "Pole"], t.GetColumn<string>("class").Values);
        Assert.Equal([90.0, 10.0], t.GetColumn<double>("share (%)").Values);
        Assert.Equal(900L, t.GetColumn<long>("train pixels")[0]);
        Assert.Equal(0.3, t.GetColumn<double>("E_c(s=4)")[1]);
    }

    [Fact]
    public void BlockErrors_GiveEbAtEachCutoff_WithTilesPerImage()
    {
        var t = LabelSpectraTables.BlockErrors(Tiny);
        Assert.Equal(["b", "tiles per image", "e_b(K*=3)", "e_b(K*=4)"], t.ColumnKeys);
        Assert.Equal([48L, 12L], t.GetColumn<long>("tiles per image").Values);
        Assert.Equal([0.01, 0.04], t.GetColumn<double>("e_b(K*=3)").Values);
    }

    [Fact]
    public void Oracle_GivesMeanIoUPerFactorAndRule_RoundedToHundredths()
    {
        var t = LabelSpectraTables.Oracle(Tiny with { Oracle = [new OracleRow(2, 94.0812, 92.7849, 92.8)] });
        Assert.Equal(["s", "majority", "nearest-centre", "nearest-top-left"], t.ColumnKeys);
        Assert.Equal(2L, t.GetColumn<long>("s")[0]);
        Assert.Equal((94.08, 92.78, 92.8), (t.GetColumn<double>("majority")[0], t.GetColumn<double>("nearest-centre")[0],
            t.GetColumn<double>("nearest-top-left")[0]));
    }
}
