using Deedle;
using ResearchKit.Experiments.SelfRegulation;

namespace ResearchKit.Tests.Experiments.SelfRegulation;

/// <summary>NB08/NB09's tables on constructed runs (<see cref="SelfRegulationFiguresTests.Constructed"/>).</summary>
public sealed class SelfRegulationTablesTests
{
    [Fact]
    public void Ablation_GivesMeanAndStdOverSeeds_AndTheCostAsNumbers()
    {
        var t = SelfRegulationTables.Ablation(SelfRegulationFiguresTests.Constructed());
        Assert.Equal(["arm", "val mIoU", "thin-class mIoU", "interior confusion %", "s / epoch", "test MMACs / image"], t.ColumnKeys);
        Assert.Equal(6, t.RowCount);
        Assert.Equal(("MeaOnly", "41.00 ± 1.00", "6.00 ± 0.00", "6.00 ± 0.00"), (t.GetColumn<string>("arm")[1], t.GetColumn<string>("val mIoU")[1],
            t.GetColumn<string>("thin-class mIoU")[1], t.GetColumn<string>("interior confusion %")[1]));
        Assert.Equal((5.0, 100.0), (t.GetColumn<double>("s / epoch")[1], t.GetColumn<double>("test MMACs / image")[1]));
    }

    [Fact]
    public void Ablation_WithOneSeed_GivesTheScoresAsNumbers()
    {
        var r = SelfRegulationFiguresTests.Constructed();
        r = r with { Config = r.Config with { Seeds = [0] }, Runs = r.Runs.Where(x => x.Seed == 0).ToArray() };
        var t = SelfRegulationTables.Ablation(r);
        Assert.Equal((40.0, 6.0, 6.0), (t.GetColumn<double>("val mIoU")[1], t.GetColumn<double>("thin-class mIoU")[1], t.GetColumn<double>("interior confusion %")[1]));
    }

    [Fact]
    public void Exits_HasOneRowPerMultiExitArm_WithEachExitsMeanIoU()
    {
        var t = SelfRegulationTables.Exits(SelfRegulationFiguresTests.Constructed());
        Assert.Equal(["arm", "exit 1", "exit 2", "exit 3", "exit 4 (main)"], t.ColumnKeys);
        Assert.Equal(["MeaOnly", "FeatureOnly", "LogitOnly", "Paper", "OfficialCode"], t.GetColumn<string>("arm").Values);
        Assert.Equal((11.0, 41.0), (t.GetColumn<double>("exit 1")[0], t.GetColumn<double>("exit 4 (main)")[0]));
    }

    [Fact]
    public void Overhead_GivesEachCostAndItsRatioToTheBaseline()
    {
        var t = SelfRegulationTables.Overhead(SelfRegulationFiguresTests.Constructed());
        Assert.Equal(["arm", "s / epoch", "s / epoch × Baseline", "train MMACs / image", "train MACs × Baseline", "test MMACs / image", "test parameters"], t.ColumnKeys);
        Assert.Equal((1.67, 150.0, 1.5), (t.GetColumn<double>("s / epoch × Baseline")[4], t.GetColumn<double>("train MMACs / image")[4],
            t.GetColumn<double>("train MACs × Baseline")[4]));
        Assert.Equal(1.0, t.GetColumn<double>("s / epoch × Baseline")[0]);
        Assert.Equal(500_235L, t.GetColumn<long>("test parameters")[5]);
    }

    [Fact]
    public void Timing_GivesMediansAndRatiosToTheBaseline_AndItsSetupHowTheyWereMeasured()
    {
        var timing = new SrTimingResult([new("Baseline", 70, 4.0), new("Paper", 126.4, 5.04)], 20, 8, 88, 120, 16, 2, 1.234);
        var t = SelfRegulationTables.Timing(timing);
        Assert.Equal(["arm", "train ms / step", "train × Baseline", "test ms / image", "test × Baseline"], t.ColumnKeys);
        Assert.Equal((126.0, 1.81, 5.0, 1.26), (t.GetColumn<double>("train ms / step")[1], t.GetColumn<double>("train × Baseline")[1],
            t.GetColumn<double>("test ms / image")[1], t.GetColumn<double>("test × Baseline")[1]));
        var setup = SelfRegulationTables.TimingSetup(timing);
        var settings = setup.GetColumn<string>("setting").Values.Zip(setup.GetColumn<string>("value").Values).ToDictionary();
        Assert.Equal("20", settings["interleaved rounds (medians)"]);
        Assert.Equal("one batch of 8 crops of 88×120", settings["training step"]);
        Assert.Equal("1.23", settings["load average when it began"]);
    }

    [Fact]
    public void Timing_WithoutABaselineArm_LeavesTheRatiosMissing()
    {
        var t = SelfRegulationTables.Timing(new SrTimingResult([new("Paper", 126.4, 3.78)], 20, 8, 88, 120, 16, 2, double.NaN));
        Assert.False(t.GetColumn<double>("train × Baseline").TryGet(0).HasValue);
        Assert.Equal(126.0, t.GetColumn<double>("train ms / step")[0]);
    }

    [Fact]
    public void Settings_NameTheArmsAndTheSeeds()
    {
        var t = SelfRegulationTables.Settings(SelfRegulationFiguresTests.Constructed().Config);
        var settings = t.GetColumn<string>("setting").Values.Zip(t.GetColumn<string>("value").Values).ToDictionary();
        Assert.Equal("Baseline, MeaOnly, FeatureOnly, LogitOnly, Paper, OfficialCode", settings["arms"]);
        Assert.Equal("0, 1, 2", settings["seeds"]);
    }
}
