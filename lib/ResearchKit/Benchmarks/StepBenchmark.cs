using ResearchKit.Training;
using MathNet.Numerics.Statistics;
using System.Diagnostics;
using ResearchKit.Data;
using ResearchKit.Engine;
using ResearchKit.Metrics;
using ResearchKit.Models;
using TorchSharp;
using static TorchSharp.torch;

namespace ResearchKit.Benchmarks;

/// <summary>Times a model's training step (the trainer's own <see cref="Trainer.Step"/>: forward, mean CE, backward,
/// SGD momentum step) or inference (eval, no grad), following the protocol of bench/torch/unet_ref.py so the two sides
/// can be compared run for run.</summary>
public static class StepBenchmark
{
    /// <summary>Training step = 3 × forward FLOPs (forward, input gradient, weight gradient); inference = 1 ×.</summary>
    public static StepBenchmarkResult Run(UNet model, bool train, int batch, int height, int width, int threads,
        int warmup = 3, int runs = 20, int seed = 0, string? device = null)
    {
        TorchRuntime.SetThreads(threads);
        var dev = TorchRuntime.Device(device);
        model.to(dev);
        var generator = new Generator((ulong)seed);
        // Channels-last once, outside the timed calls, as bench/TorchSharpTwin does (the network would convert an NCHW
        // batch on every call; Evaluation's batches pay that copy, a timed step of one fixed batch need not).
        using var x = Layout.ChannelsLast(rand([batch, model.Config.InChannels, height, width], generator: generator).to(dev));
        using var labels = randint(model.Config.NumClasses, [batch, height, width], generator: generator).to(dev);
        using var data = new SegmentationBatch(x, labels);
        using var sgd = optim.SGD(model.parameters(), 0.01, momentum: 0.9);
        Action step = train ? () => Trainer.Step(model, sgd, data, ignoreIndex: -100) : () => Inference(model, x);
        model.train(train);
        for (var i = 0; i < warmup; i++) step();
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            step();
            if (dev.type == DeviceType.CUDA) cuda.synchronize();
            times[i] = sw.Elapsed.TotalMilliseconds;
        }
        var median = Statistics.Median(times);
        var flops = 2 * model.ForwardMacs(batch, height, width) * (train ? 3 : 1);
        return new StepBenchmarkResult(train ? "train-step" : "inference", "unet-ref", batch, height, width, threads, runs,
            median, times.Min(), times.Max(), flops, flops / (median * 1e6), PeakRssMiB());
    }

    private static void Inference(UNet model, Tensor x)
    {
        using var scope = NewDisposeScope();
        using var _ = no_grad();
        model.forward(x);
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
