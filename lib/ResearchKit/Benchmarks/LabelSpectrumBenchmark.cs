using ResearchKit.Spectral;
using MathNet.Numerics.Statistics;
using System.Diagnostics;
using ResearchKit.Data;
using ResearchKit.Metrics;

namespace ResearchKit.Benchmarks;

/// <summary>Times the label-spectrum workload (one-hot → FFT → power → radial profile) through the same <see cref="LabelSpectrum"/> the notebooks use.</summary>
public static class LabelSpectrumBenchmark
{
    /// <summary>Runs <paramref name="warmup"/> untimed and <paramref name="repeats"/> timed passes over <paramref name="labels"/>; returns the times.</summary>
    public static LabelSpectrumBenchmarkResult Run(IReadOnlyList<LabelMap> labels, int numClasses, int ignoreIndex,
        VoidHandling voidHandling, int repeats, int threads, int warmup = 2)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) throw new ArgumentException("The benchmark needs at least one label map.");
        if (repeats < 1) throw new ArgumentException($"Repeats must be at least 1, got {repeats}.");
        var spectrum = new LabelSpectrum(labels[0].Height, labels[0].Width, numClasses, ignoreIndex, voidHandling) { Threads = threads };
        double[] profile = [];
        var seconds = new double[repeats];
        for (var r = -warmup; r < repeats; r++)
        {
            var clock = Stopwatch.StartNew();
            spectrum.Reset();
            spectrum.AddRange(labels);
            profile = spectrum.RadialProfile();
            if (r >= 0) seconds[r] = clock.Elapsed.TotalSeconds;
        }
        var median = Statistics.Median(seconds);
        return new LabelSpectrumBenchmarkResult(labels.Count, labels[0].Height, labels[0].Width, spectrum.Channels, threads,
            median, seconds, profile.Sum());
    }

    /// <summary>Seeded synthetic H×W label maps with ids 0..numClasses−1 (blocky regions plus a sparse lattice of odd pixels).</summary>
    /// <remarks>Integer formula, mirrored exactly by bench/label_spectrum_scipy.py so both sides transform the same maps.</remarks>
    public static LabelMap[] Synthetic(int count, int height, int width, int numClasses, int seed)
    {
        var labels = new LabelMap[count];
        for (var i = 0; i < count; i++)
        {
            var data = new byte[height * width];
            for (var m = 0; m < height; m++)
            for (var n = 0; n < width; n++)
            {
                var odd = ((long)m * n + 7L * (i + seed)) % 13 == 0 ? 1 : 0;
                data[m * width + n] = (byte)(((m / 40) * 3 + (n / 48) * 5 + i + seed + odd) % numClasses);
            }
            labels[i] = new LabelMap(height, width, data);
        }
        return labels;
    }
}
