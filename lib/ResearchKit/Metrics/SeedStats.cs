using MathNet.Numerics.Statistics;

namespace ResearchKit.Metrics;

/// <summary>The spread over the seeds of one arm, as the tables and error bars show it (MathNet.Numerics). Verdicts do
/// not use it: they judge differences by intervals (<see cref="Claims.VerdictRule"/>).</summary>
public static class SeedStats
{
    /// <summary>The sample standard deviation (n − 1); 0 for fewer than two values, where there is no spread to show
    /// (MathNet gives NaN there, which a table or a Plotly error bar cannot carry).</summary>
    public static double Std(IEnumerable<double> values)
    {
        var v = values as double[] ?? values.ToArray();
        return v.Length < 2 ? 0 : v.StandardDeviation();
    }
}
