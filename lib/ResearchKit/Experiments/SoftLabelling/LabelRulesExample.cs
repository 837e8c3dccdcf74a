using Deedle;
using ResearchKit.Data;
using ResearchKit.Tables;
using static TorchSharp.torch;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>NB06's worked example: what several rules make of one s×s block of a CamVid label, class by class.</summary>
public static class LabelRulesExample
{
    /// <summary>One row per CamVid class that the block <paramref name="blockIds"/> [s,s] holds or any target gives weight,
    /// then a void row if the block holds void: the class, its pixels in the block, and one column per (name, target [C])
    /// pair to 4 decimals (void has no target value: its mass is not given to any class).</summary>
    public static Frame<int, string> Targets(Tensor blockIds, params (string Name, Tensor Target)[] columns)
    {
        var ids = blockIds.to(ScalarType.Int64).cpu().contiguous().data<long>().ToArray();
        var values = columns.Select(c => c.Target.to(ScalarType.Float64).cpu().contiguous().data<double>().ToArray()).ToArray();
        if (values.Any(v => v.Length != CamVid.NumClasses))
            throw new ArgumentException($"label rules example: every target must hold {CamVid.NumClasses} class values, got {string.Join(", ", values.Select(v => v.Length))}");
        var rows = Enumerable.Range(0, CamVid.NumClasses)
            .Where(c => ids.Contains(c) || values.Any(v => v[c] != 0))
            .Select(c => (IReadOnlyList<object?>)new object?[] { CamVid.ClassNames[c], ids.Count(i => i == c) }
                .Concat(values.Select(v => (object?)Math.Round(v[c], 4))).ToArray())
            .ToList();
        if (ids.Count(i => i == CamVid.IgnoreIndex) is > 0 and var voids)
            rows.Add(new object?[] { "void", voids }.Concat(values.Select(_ => (object?)null)).ToArray());
        return Table.FromRows(new[] { "class", "pixels in block" }.Concat(columns.Select(c => c.Name)).ToArray(), rows);
    }
}
