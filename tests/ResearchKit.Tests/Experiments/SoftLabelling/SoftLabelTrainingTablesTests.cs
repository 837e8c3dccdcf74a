using Deedle;
using ResearchKit.Experiments.SoftLabelling;
using ResearchKit.Labels;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

/// <summary>NB07's tables on constructed runs (<see cref="SoftLabelTrainingTests.Constructed"/>).</summary>
public sealed class SoftLabelTrainingTablesTests
{
    private static SoftLabelTrainingResult ThreeSeeds() => SoftLabelTrainingTests.Constructed([0, 1, 2], box: [2.5, 3.0, 3.5], aa: [2.2, 2.4, 2.6]);

    [Fact]
    public void Arms_ListsEveryArm_WithItsGapOverNearestCentreAsANumber_AndTheReferenceLast()
    {
        var r = ThreeSeeds() with { ReferenceRuns = [new(1, LabelDownsampling.NearestCentre, 0, "ref", "test", false, 55, new double[11], 20, 300)] };
        var t = SoftLabelTrainingTables.Arms(r);
        Assert.Equal(["s", "train size", "rule", "val mIoU", "Δ vs nearest-centre", "s / epoch", "peak MiB"], t.ColumnKeys);
        Assert.Equal(10, t.RowCount);
        Assert.Equal((8L, "45×60", "soft-box", "43.00 ± 0.80"), (t.GetColumn<long>("s")[7], t.GetColumn<string>("train size")[7],
            t.GetColumn<string>("rule")[7], t.GetColumn<string>("val mIoU")[7]));
        Assert.Equal(3.0, t.GetColumn<double>("Δ vs nearest-centre")[7]);
        Assert.Equal(8.0, t.GetColumn<double>("s / epoch")[7]);
        Assert.Equal("reference (hard)", t.GetColumn<string>("rule")[9]);
        Assert.False(t.GetColumn<double>("Δ vs nearest-centre").TryGet(9).HasValue);
    }

    [Fact]
    public void Arms_WithOneSeed_GiveValMIoUAsANumber()
    {
        var t = SoftLabelTrainingTables.Arms(SoftLabelTrainingTests.Constructed([0], box: [3.0], aa: [2.4]));
        Assert.Equal(typeof(double), t.ColumnTypes.ElementAt(3));
        Assert.Equal(42.7, t.GetColumn<double>("val mIoU")[7], 9); // seed 0: nearest-centre 40 − 0.3, soft-box 3.0 above
    }

    [Fact]
    public void Comparisons_ShowTheIntervalAndTheVerdictOfTheClaimedGains()
    {
        var r = SoftLabelTrainingTests.Constructed([0, 1, 2], box: [2.5, 3.0, 3.5], aa: [-1.0, 3.0, 7.0]);
        var t = SoftLabelTrainingTables.Comparisons(r);
        Assert.Equal(["difference", "what it isolates", "s", "Δ mIoU [95% interval]", "A beats B?"], t.ColumnKeys);
        Assert.Equal(6, t.RowCount); // majority and soft-bilinear are not in the constructed config
        string Cell(int row, string col) => t.GetColumn<object>(col)[row].ToString()!;
        Assert.Equal(["soft-box − nearest-centre", "S2/S4", "8", "+3.00 [+1.76, +4.24], 3 paired seeds", "reproduced"], t.ColumnKeys.Select(c => Cell(2, c)));
        Assert.Equal(["soft-bilinear-aa − nearest-centre", "S2/S4", "8", "+3.00 [−6.94, +12.94], 3 paired seeds", "inconclusive"], t.ColumnKeys.Select(c => Cell(5, c)));
        Assert.Equal("+1.00 [+1.00, +1.00], 3 paired seeds", Cell(0, "Δ mIoU [95% interval]"));
    }

    [Fact]
    public void PerClass_GivesEveryRulesIoU_ClassesBySmallestShare()
    {
        var t = SoftLabelTrainingTables.PerClass(ThreeSeeds());
        Assert.Equal(["class", "train share %", "nearest-centre", "soft-box", "soft-bilinear-aa"], t.ColumnKeys);
        Assert.Equal(("SignSymbol", "Road"), (t.GetColumn<string>("class")[0], t.GetColumn<string>("class")[10]));
        Assert.Equal(Math.Round(100 / 115.0, 2), t.GetColumn<double>("train share %")[0]); // 1 of 115 train pixels
        Assert.Equal((40.0, 46.0), (t.GetColumn<double>("nearest-centre")[0], t.GetColumn<double>("soft-box")[0]));
        Assert.Equal(43.0, t.GetColumn<double>("soft-box")[10]);
    }

    [Fact]
    public void Settings_NameTheSeedsAndRules()
    {
        var t = SoftLabelTrainingTables.Settings(ThreeSeeds().Config);
        var settings = t.GetColumn<string>("setting").Values.Zip(t.GetColumn<string>("value").Values).ToDictionary();
        Assert.Equal("0, 1, 2", settings["seeds"]);
        Assert.Equal("nearest-centre, soft-box, soft-bilinear-aa", settings["rules"]);
    }
}
