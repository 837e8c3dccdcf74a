namespace ResearchKit.Metrics;

/// <summary>Statistics over the seeds of one arm, and the papers' rule for when a difference between two arms is real.</summary>
public static class SeedStats
{
    /// <summary>The sample standard deviation (n − 1), 0 for fewer than two values.</summary>
    public static double Std(IEnumerable<double> values)
    {
        var v = values.ToArray();
        if (v.Length < 2) return 0;
        var mean = v.Average();
        return Math.Sqrt(v.Sum(x => (x - mean) * (x - mean)) / (v.Length - 1));
    }

    /// <summary>True if <paramref name="difference"/> (in mIoU points, signed: positive = the direction asked about)
    /// exceeds both <paramref name="minimum"/> and the larger of the two arms' seed stds (the spec rule of spectral §4
    /// and soft-labelling §4: 1.0 mIoU and the larger std).</summary>
    public static bool IsReal(double difference, double stdA, double stdB, double minimum = 1.0) =>
        difference > Math.Max(minimum, Math.Max(stdA, stdB));
}
