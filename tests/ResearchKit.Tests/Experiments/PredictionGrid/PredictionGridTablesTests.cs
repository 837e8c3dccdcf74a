using ResearchKit.Experiments.PredictionGrid;

namespace ResearchKit.Tests.Experiments.PredictionGrid;

public sealed class PredictionGridTablesTests
{
    private static readonly PredictionGridResult Tiny = PredictionGridFiguresTests.TwoArmsTwoSeeds();

    [Fact]
    public void Settings_NameTheNetworkGridsAndSeeds()
    {
        var t = PredictionGridTables.Settings(Tiny.Config);
        Assert.Equal(["setting", "value"], t.ColumnKeys);
        Assert.Equal(7, t.RowCount);
        Assert.Equal("8, 16", t.GetColumn<string>("value")[2]);
        Assert.Equal("s/f = 1: decoder at r = 1, s/f = 2: decoder at r = 2", t.GetColumn<string>("value")[3]);
        Assert.Equal("0, 1", t.GetColumn<string>("value")[5]);
    }

    [Fact]
    public void Arms_GiveMeanAndStdAsText_AndTimeMemoryAndCostAsNumbers()
    {
        var t = PredictionGridTables.Arms(Tiny);
        Assert.Equal(["s", "decoder stride r", "seeds", "val mIoU", "thin-class mIoU", "train time / run (min)", "peak memory (MiB)",
            "decoder + head MMACs / image"], t.ColumnKeys);
        Assert.Equal(["41.00 ± 1.41", "37.00 ± 0.00"], t.GetColumn<string>("val mIoU").Values);
        Assert.Equal("2.00 ± 1.41", t.GetColumn<string>("thin-class mIoU")[0]);
        Assert.Equal([10.5, 5.1], t.GetColumn<double>("train time / run (min)").Values);
        // s = 8's runs predate the memory record (0 MiB): a missing cell, not a zero.
        Assert.False(t.GetColumn<double>("peak memory (MiB)").TryGet(0).HasValue);
        Assert.Equal(471.0, t.GetColumn<double>("peak memory (MiB)")[1]);
        Assert.Equal(12.3, t.GetColumn<double>("decoder + head MMACs / image")[0]);
    }

    [Fact]
    public void Runs_ListEveryArmAndSeed_WithItsConfigCommitScoreAndReuse()
    {
        var t = PredictionGridTables.Runs(Tiny);
        Assert.Equal(["s", "seed", "config", "trained by commit", "val mIoU", "reused"], t.ColumnKeys);
        Assert.Equal(4, t.RowCount);
        Assert.Equal(["hash80", "hash81", "hash160", "hash161"], t.GetColumn<string>("config").Values);
        Assert.Equal("0123456789", t.GetColumn<string>("trained by commit")[0]);
        Assert.Equal([true, false, false, false], t.GetColumn<bool>("reused").Values);
        Assert.Equal(42.0, t.GetColumn<double>("val mIoU")[1]);
    }
}
