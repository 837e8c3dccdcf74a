using System.Diagnostics;
using ResearchKit.Autograd;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Optim;
using ResearchKit.Tensors;
using ResearchKit.Metrics;

namespace ResearchKit.Training;

/// <summary>Times a model's training step (forward, mean CE, backward, SGD momentum step) or inference (eval, no grad),
/// following the protocol of bench/torch/unet_ref.py so the two sides can be compared run for run.</summary>
public static class StepBenchmark
{
    /// <summary>Training step = 3 × forward FLOPs (forward, input gradient, weight gradient); inference = 1 ×.</summary>
    public static StepBenchmarkResult Run(UNet model, bool train, int batch, int height, int width, int threads,
        int warmup = 3, int runs = 20, ulong seed = 0)
    {
        Threading.Threads = threads;
        var rng = new Rng(seed);
        var x = Tensor.Zeros(batch, model.Config.InChannels, height, width);
        rng.FillUniform(x.Data, 0, 1);
        var labels = Enumerable.Range(0, batch * height * width).Select(_ => rng.NextInt(model.Config.NumClasses)).ToArray();
        var sgd = new Sgd(model.Parameters(), 0.01, momentum: 0.9);
        Action step = train ? () => TrainStep(model, sgd, x, labels) : () => Inference(model, x);
        model.Train(train);
        for (var i = 0; i < warmup; i++) step();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            step();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        var median = Timings.Median(times);
        var flops = 2 * model.ForwardMacs(batch, height, width) * (train ? 3 : 1);
        return new StepBenchmarkResult(train ? "train-step" : "inference", "unet-ref", batch, height, width, threads, runs,
            median, times.Min(), times.Max(), flops, flops / (median * 1e6), PeakRssMiB());
    }

    private static void TrainStep(UNet model, Sgd sgd, Tensor x, int[] labels)
    {
        sgd.ZeroGrad();
        F.CrossEntropy(model.Forward(x), labels).Backward();
        sgd.Step();
    }

    private static void Inference(UNet model, Tensor x)
    {
        using var _ = GradMode.Disable();
        model.Forward(x);
    }

    /// <summary>VmHWM of this process from /proc/self/status, in MiB (NaN where /proc is missing).</summary>
    public static double PeakRssMiB()
    {
        const string path = "/proc/self/status";
        if (!File.Exists(path)) return double.NaN;
        var line = File.ReadLines(path).FirstOrDefault(l => l.StartsWith("VmHWM:"));
        return line is null ? double.NaN : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) / 1024.0;
    }
}
