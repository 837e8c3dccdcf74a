using ResearchKit.Training;
namespace ResearchKit.Benchmarks;

/// <summary>Timing of one benchmark mode: medians over timed runs after warm-up, analytic FLOPs and peak memory.</summary>
public sealed record StepBenchmarkResult(string Mode, string Model, int Batch, int Height, int Width, int Threads,
    int Runs, double MedianMs, double MinMs, double MaxMs, long Flops, double Gflops, double PeakRssMiB);
