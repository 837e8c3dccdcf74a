using ResearchKit.Benchmarks;
using System.CommandLine;
using System.Text.Json;
using ResearchKit.Models;
using ResearchKit.Engine;
using ResearchKit.Training;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit bench train-step|inference --model unet-ref`: the engine benchmark bench/unet.sh compares with PyTorch.</summary>
internal static class BenchModelCommand
{
    private static readonly string[] Models = ["unet-ref"];

    /// <summary>The `train-step` (<paramref name="train"/>) or `inference` subcommand.</summary>
    public static Command Create(bool train)
    {
        var model = new Option<string>("--model") { Description = "Model to time: unet-ref", DefaultValueFactory = _ => "unet-ref" };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 8 };
        var size = new Option<string>("--size") { Description = "HxW, multiples of 16", DefaultValueFactory = _ => "96x128" };
        var threads = new Option<int>("--threads") { Description = "Engine threads", DefaultValueFactory = _ => Environment.ProcessorCount };
        var runs = new Option<int>("--runs") { Description = "Timed runs after 3 warm-up runs", DefaultValueFactory = _ => 20 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var device = new Option<string>("--device") { Description = "cpu|cuda (cuda needs a TorchSharp CUDA package and a GPU)", DefaultValueFactory = _ => "cpu" };
        var cmd = new Command(train ? "train-step" : "inference", train
            ? "Time a training step (the trainer's own step: forward, mean cross-entropy, backward, SGD momentum 0.9) of the reference U-Net."
            : "Time an eval-mode forward without gradients of the reference U-Net.")
        { model, batch, size, threads, runs, json, device };
        cmd.SetAction(parse =>
        {
            var name = parse.GetValue(model)!;
            if (!Models.Contains(name))
                throw new ArgumentException($"unknown model '{name}'; valid models: {string.Join(", ", Models)}");
            var (h, w) = ParseSize(parse.GetValue(size)!);
            TorchRuntime.Initialize();
            TorchSharp.torch.manual_seed(0);
            var result = StepBenchmark.Run(new UNet(UNetConfig.Reference), train, parse.GetValue(batch), h, w,
                parse.GetValue(threads), runs: parse.GetValue(runs), device: parse.GetValue(device));
            Console.WriteLine(parse.GetValue(json)
                ? JsonSerializer.Serialize(result, new JsonSerializerOptions(Repro.ConfigHash.Json) { WriteIndented = false })
                : $"{result.Mode} {result.Model} batch {result.Batch} {result.Height}x{result.Width}, {result.Threads} threads: " +
                  $"median {result.MedianMs:F1} ms (min {result.MinMs:F1}, max {result.MaxMs:F1}), {result.Gflops:F1} GFLOP/s, peak RSS {result.PeakRssMiB:F0} MiB");
            return 0;
        });
        return cmd;
    }

    private static (int H, int W) ParseSize(string s)
    {
        var parts = s.Split('x');
        if (parts.Length != 2 || !int.TryParse(parts[0], out var h) || !int.TryParse(parts[1], out var w) || h <= 0 || w <= 0)
            throw new ArgumentException($"--size must be HxW, e.g. 96x128; got '{s}'");
        return (h, w);
    }
}
