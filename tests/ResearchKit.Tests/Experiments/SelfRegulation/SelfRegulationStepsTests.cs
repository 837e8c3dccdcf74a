using Deedle;
using ResearchKit.Experiments.SelfRegulation;
using static TorchSharp.torch;

namespace ResearchKit.Tests.Experiments.SelfRegulation;

public sealed class SelfRegulationStepsTests
{
    [Fact]
    public void PerExit_PutsEachTermOnItsExits_AndLeavesTheOthersEmpty()
    {
        var t = SelfRegulationSteps.PerExit(4,
            ("CE", 1, [tensor(1.5f), tensor(1.25f), tensor(1f), tensor(0.5f)]),
            ("L_F", 2, [tensor(0.1f), tensor(0.2f), tensor(0.3f)]),        // students b = 2..N
            ("KL", 1, [tensor(0.7), tensor(0.25), tensor(0.125)]));         // students b = 1..N−1, float64 too
        Assert.Equal(["exit", "CE", "L_F", "KL"], t.ColumnKeys);
        Assert.Equal(["1", "2", "3", "4 (main)"], t.GetColumn<string>("exit").Values);
        Assert.Equal([1.5, 1.25, 1, 0.5], t.GetColumn<double>("CE").Values);
        Assert.Equal([1, 2, 3], t.GetColumn<double>("L_F").DropMissing().Keys);                    // row 0 = exit 1 is empty
        Assert.Equal([0.1, 0.2, 0.3], t.GetColumn<double>("L_F").Values);
        Assert.Equal([0, 1, 2], t.GetColumn<double>("KL").DropMissing().Keys);                     // exit N is the teacher
        Assert.Equal([0.7, 0.25, 0.125], t.GetColumn<double>("KL").Values);
    }

    [Fact]
    public void PerExit_RefusesAColumnBeyondTheExits()
    {
        var e = Assert.Throws<ArgumentException>(() => SelfRegulationSteps.PerExit(4, ("L_F", 2, [tensor(0f), tensor(0f), tensor(0f), tensor(0f)])));
        Assert.Contains("'L_F' covers exits 2..5, outside 1..4", e.Message);
    }
}
