using ResearchKit.Experiments.CamVidBaseline;

namespace ResearchKit.Tests.Experiments.CamVidBaseline;

/// <summary>NB00's tables as frames, built from <see cref="CamVidBaselineSample"/>.</summary>
public sealed class CamVidBaselineTablesTests
{
    private static readonly CamVidBaselineResult R = CamVidBaselineSample.Result();

    [Fact]
    public void Settings_PutsBothTrainingConfigsSideBySide_AndSaysHowManyPredictionsAreKept()
    {
        var t = CamVidBaselineTables.Settings(CamVidBaselineConfig.Smoke);
        Assert.Equal(["setting", "U-Net", "DeepLabV3+"], t.ColumnKeys);
        var settings = t.GetColumn<string>("setting").Values.ToList();
        Assert.Equal("UNet", t.GetColumn<string>("U-Net")[settings.IndexOf("model")]);
        Assert.Equal("DeepLabV3Plus", t.GetColumn<string>("DeepLabV3+")[settings.IndexOf("model")]);
        Assert.Equal("4", t.GetColumn<string>("U-Net")[settings.IndexOf("val images with predictions kept")]);
    }

    [Fact]
    public void Summary_KeepsSizesScoresAndTimesAsNumbers_AndNamesTheRun()
    {
        var t = CamVidBaselineTables.Summary(R);
        Assert.Equal(["model", "parameters", "GMACs / val image", "train time (min)", "s / epoch", "val mIoU", "pixel acc.", "eval ms / image", "run"], t.ColumnKeys);
        Assert.Equal(1_964_267L, t.GetColumn<object>("parameters")[0]);
        Assert.Equal(1.0, t.GetColumn<double>("GMACs / val image")[0]);  // 0.75 + 0.25 GMACs
        Assert.Equal(4.0, t.GetColumn<double>("train time (min)")[0]);   // four epochs of 60 s
        Assert.Equal([51.23, 49.88], t.GetColumn<double>("val mIoU").Values);
        Assert.Equal(88.76, t.GetColumn<double>("pixel acc.")[1]);
        Assert.Equal(12.0, t.GetColumn<double>("eval ms / image")[0]);
        Assert.Equal("config unethash, seed 0, commit 0123456789+dirty, trained now", t.GetColumn<string>("run")[0]);
        Assert.EndsWith(", reused from DeepLabV3+-run", t.GetColumn<string>("run")[1]);
    }

    [Fact]
    public void PerClass_ListsClassesByTrainShare_LeavesAnUnscoredClassEmpty_AndEndsWithTheMean()
    {
        var t = CamVidBaselineTables.PerClass(R);
        Assert.Equal(["class", "train share (%)", "U-Net IoU", "DeepLabV3+ IoU"], t.ColumnKeys);
        Assert.Equal(12, t.RowCount);
        Assert.Equal(["Road", "Sky"], t.GetColumn<string>("class").Values.Take(2));
        Assert.Equal(30.0, t.GetColumn<double>("train share (%)")[0]);
        Assert.Equal(60.0, t.GetColumn<double>("U-Net IoU")[0]);
        Assert.False(t.GetColumn<double>("U-Net IoU").TryGet(10).HasValue); // Bicyclist: NaN IoU
        Assert.Equal(12.35, t.GetColumn<double>("DeepLabV3+ IoU")[10]);
        Assert.Equal("mean (mIoU)", t.GetColumn<string>("class")[11]);
        Assert.False(t.GetColumn<double>("train share (%)").TryGet(11).HasValue);
        Assert.Equal(51.23, t.GetColumn<double>("U-Net IoU")[11]);
    }

    [Fact]
    public void Layers_GivesEachConvsShareOfTheMacs_AndTheTotal()
    {
        var t = CamVidBaselineTables.Layers(R, "U-Net");
        Assert.Equal(["layer", "parameters", "MMACs", "share of MACs (%)"], t.ColumnKeys);
        Assert.Equal(["enc.conv", "dec.conv", "total (2 convs)"], t.GetColumn<string>("layer").Values);
        Assert.Equal([750.0, 250.0, 1000.0], t.GetColumn<double>("MMACs").Values);
        Assert.Equal([75.0, 25.0, 100.0], t.GetColumn<double>("share of MACs (%)").Values);
        Assert.Equal(3000L, t.GetColumn<object>("parameters")[2]);
    }

    [Fact]
    public void Targets_OnQuick_AreMetOrNot_AndOnSmokeSayTheyAreNotStated()
    {
        var quick = CamVidBaselineTables.Targets(CamVidBaselineSample.Result(CamVidBaselineConfig.Quick));
        Assert.Equal(["target", "measured", "status"], quick.ColumnKeys);
        Assert.Equal(["51.23", "8.0 min"], quick.GetColumn<string>("measured").Values); // 2 × 240 s
        Assert.Equal(["met", "met"], quick.GetColumn<string>("status").Values);
        var smoke = CamVidBaselineTables.Targets(R);
        Assert.Equal("(targets are stated for Quick and Paper only)", smoke.GetColumn<string>("target")[0]);
        Assert.Equal("51.23 mIoU, 8.0 min for both", smoke.GetColumn<string>("measured")[0]);
    }
}
