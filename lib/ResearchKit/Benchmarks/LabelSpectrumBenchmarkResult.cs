using ResearchKit.Spectral;
namespace ResearchKit.Benchmarks;

/// <summary>Timings of <see cref="LabelSpectrumBenchmark.Run"/>: sizes, threads, per-repeat seconds and their median.</summary>
/// <param name="Images">Label maps per pass.</param>
/// <param name="Height">Rows per map.</param>
/// <param name="Width">Columns per map.</param>
/// <param name="Channels">One-hot channels transformed per map.</param>
/// <param name="Threads">Workers used.</param>
/// <param name="MedianSeconds">Median wall time of one pass.</param>
/// <param name="Seconds">Wall time of every timed pass.</param>
/// <param name="ProfileSum">Σ of the radial profile (equals N·ΣN_v; lets the two sides check they did the same work).</param>
public sealed record LabelSpectrumBenchmarkResult(int Images, int Height, int Width, int Channels, int Threads,
    double MedianSeconds, double[] Seconds, double ProfileSum);
