using ResearchKit.Experiments.SoftLabelling;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Experiments.SoftLabelling;

/// <summary>NB06's worked-example table: one block's targets class by class.</summary>
public sealed class LabelRulesExampleTests
{
    [Fact]
    public void Targets_ListsTheClassesOfTheBlockOrOfAnyTarget_WithPixelCounts_AndVoidLast()
    {
        var block = tensor(new long[] { 0, 0, 2, 11 }).reshape(2, 2);       // Sky, Sky, Pole, void
        var soft = zeros(11, dtype: ScalarType.Float64);
        soft[0] = 0.5; soft[2] = 0.25;                                          // the box histogram, void mass lost
        var hard = zeros(11); hard[3] = 1;                                      // a rule that says Road
        var t = LabelRulesExample.Targets(block, ("soft-box", soft), ("other", hard));
        Assert.Equal(["class", "pixels in block", "soft-box", "other"], t.ColumnKeys);
        Assert.Equal(["Sky", "Pole", "Road", "void"], t.GetColumn<string>("class").Values);
        Assert.Equal([2, 1, 0, 1], t.GetColumn<int>("pixels in block").Values);
        Assert.Equal([0.5, 0.25, 0.0], t.GetColumn<double>("soft-box").Values.Take(3));
        Assert.Equal([0.0, 0.0, 1.0], t.GetColumn<double>("other").Values.Take(3));
        Assert.False(t.GetColumn<double>("soft-box").TryGet(3).HasValue); // void: no target value
    }

    [Fact]
    public void Targets_RefusesATargetThatIsNotOneValuePerClass()
    {
        var e = Assert.Throws<ArgumentException>(() => LabelRulesExample.Targets(zeros(2, 2, dtype: ScalarType.Int64), ("x", zeros(4))));
        Assert.Contains("11 class values, got 4", e.Message);
    }
}
