using Deedle;
using ResearchKit.Tables;
using static TorchSharp.torch;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>Display for NB08's and NB09's step-by-step cells; the paper's equations are computed in the notebook, not here.</summary>
public static class SelfRegulationSteps
{
    /// <summary>One row per exit 1..<paramref name="exits"/> (the last marked "main") and one column per term, each a
    /// scalar tensor per exit from its <c>First</c> exit on (a student-only term starts at exit 2 or stops at N − 1);
    /// exits a term does not cover are left empty.</summary>
    public static Frame<int, string> PerExit(int exits, params (string Column, int First, Tensor[] Values)[] columns)
    {
        if (exits < 1) throw new ArgumentException($"per-exit table: needs at least one exit, got {exits}");
        foreach (var (name, first, values) in columns)
            if (first < 1 || first + values.Length - 1 > exits)
                throw new ArgumentException($"per-exit table: column '{name}' covers exits {first}..{first + values.Length - 1}, outside 1..{exits}");
        var rows = Enumerable.Range(1, exits).Select(b => (IReadOnlyList<object?>)
            [b == exits ? $"{b} (main)" : $"{b}", .. columns.Select(c => Cell(c.First, c.Values, b))]);
        return Table.FromRows(["exit", .. columns.Select(c => c.Column)], rows);
    }

    private static object? Cell(int first, Tensor[] values, int exit) =>
        exit < first || exit >= first + values.Length ? null : Math.Round(values[exit - first].to_type(ScalarType.Float64).item<double>(), 6);
}
