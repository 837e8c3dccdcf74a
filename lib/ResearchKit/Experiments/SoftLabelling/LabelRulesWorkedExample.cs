using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The soft-labelling spec's worked example §3.1: an 8×8 label with 4 classes and void (id 11) down-sampled by
/// s = 4 to 2×2, and the spec's table of what each rule gives (values typed from the spec, as fractions).</summary>
public static class LabelRulesWorkedExample
{
    /// <summary>The void id of the example.</summary>
    public const byte Void = 11;

    /// <summary>The example's class count.</summary>
    public const int NumClasses = 4;

    /// <summary>The spec §3.1 label.</summary>
    public static LabelMap Label() => new(8, 8,
    [
        0, 0, 0, 0, 1, 1, 1, 1,
        0, 0, 0, 0, 1, 1, 1, 1,
        0, 0, 2, 0, 1, 1, 1, 1,
        0, 0, 0, 0, 1, 1, 3, 3,
        0, 0, 0, 0, Void, Void, 1, 1,
        0, 0, 0, 0, Void, Void, 1, 1,
        0, 0, 0, 0, 1, 1, 1, 1,
        0, 0, 0, 0, 1, 1, 1, 1,
    ]);

    /// <summary>The spec §3.1 table per rule: for output pixels TL, TR, BL, BR, the value of classes 0..3 (a hard rule's
    /// one-hot; NearestTopLeft's BR samples void, the zero vector).</summary>
    public static IReadOnlyDictionary<LabelDownsampling, double[][]> Table { get; } = new Dictionary<LabelDownsampling, double[][]>
    {
        [LabelDownsampling.NearestCentre] = [[0, 0, 1, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0]],
        [LabelDownsampling.NearestTopLeft] = [[1, 0, 0, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 0, 0, 0]],
        [LabelDownsampling.Majority] = [[1, 0, 0, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 1, 0, 0]],
        [LabelDownsampling.SoftBox] = [[15.0 / 16, 0, 1.0 / 16, 0], [0, 7.0 / 8, 0, 1.0 / 8], [1, 0, 0, 0], [0, 3.0 / 4, 0, 0]],
        [LabelDownsampling.SoftBilinear] = [[3.0 / 4, 0, 1.0 / 4, 0], [0, 1, 0, 0], [1, 0, 0, 0], [0, 3.0 / 4, 0, 0]],
        [LabelDownsampling.SoftBilinearAA] =
        [
            [89.0 / 112, 6.0 / 49, 1.0 / 16, 0],
            [15.0 / 112, 141.0 / 196, 1.0 / 112, 15.0 / 196],
            [95.0 / 112, 4.0 / 49, 1.0 / 112, 0],
            [111.0 / 784, 123.0 / 196, 1.0 / 784, 9.0 / 196],
        ],
    };

    /// <summary>The kit's 2×2 output of <paramref name="rule"/> on the example, as [pixel][class] (KeepMass).</summary>
    public static double[][] Compute(LabelDownsampling rule)
    {
        var t = SoftLabels.Downsample(Label(), 4, rule, NumClasses, Void);
        return Enumerable.Range(0, 4).Select(p => Enumerable.Range(0, NumClasses).Select(c => (double)t[c, p / 2, p % 2]).ToArray()).ToArray();
    }

    /// <summary>Adds one check per rule: the kit's output equals the spec's table to float precision (1e-7).</summary>
    public static CheckList AddChecks(CheckList checks)
    {
        foreach (var (rule, expected) in Table)
        {
            var got = Compute(rule);
            var worst = expected.SelectMany((row, p) => row.Select((v, c) => Math.Abs(v - got[p][c]))).Max();
            checks.Add($"spec §3.1 worked example, {rule.Name()}: 8×8 → 2×2 matches the spec's table", $"max |Δ| {worst:0.0e+0}", "≤ 1e-7", worst <= 1e-7);
        }
        return checks;
    }
}
