using ResearchKit.Labels;
using MathNet.Numerics.Statistics;
using System.Diagnostics;
using ResearchKit.Data;
using ResearchKit.Metrics;

namespace ResearchKit.Benchmarks;

/// <summary>Times <see cref="SoftLabels.Downsample"/> with one rule at several factors over a set of label maps (the
/// soft-box speed target of issue 6); the maps run in parallel.</summary>
public static class SoftLabelBenchmark
{
    /// <summary>Median seconds of <paramref name="repeats"/> timed passes after <paramref name="warmup"/> untimed ones,
    /// every pass computing all <paramref name="factors"/> for all maps, and each factor's sum of outputs (a checksum).</summary>
    public static (double MedianSeconds, double[] Seconds, double[] Sums) Run(IReadOnlyList<LabelMap> labels, LabelDownsampling rule,
        IReadOnlyList<int> factors, int numClasses, int ignoreIndex, int repeats, int threads, int warmup = 2)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (repeats < 1) throw new ArgumentException($"Repeats must be at least 1, got {repeats}.");
        var outputs = new SoftLabelMap[factors.Count, labels.Count];
        var options = new ParallelOptions { MaxDegreeOfParallelism = threads };
        var seconds = new double[repeats];
        for (var r = -warmup; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            Parallel.For(0, labels.Count, options, i =>
            {
                for (var f = 0; f < factors.Count; f++)
                    outputs[f, i] = SoftLabels.Downsample(labels[i], factors[f], rule, numClasses, ignoreIndex);
            });
            if (r >= 0) seconds[r] = clock.Elapsed.TotalSeconds;
        }
        var sums = Enumerable.Range(0, factors.Count)
            .Select(f => Enumerable.Range(0, labels.Count).Sum(i => outputs[f, i].TotalMass())).ToArray();
        var median = Statistics.Median(seconds);
        return (median, seconds, sums);
    }
}
