using System.CommandLine;
using System.Diagnostics;
using System.Text.Json;
using ResearchKit.Autograd;
using ResearchKit.Tensors;
using ResearchKit.Tensors.Kernels;
using ResearchKit.Metrics;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit bench conv`: times the reference U-Net's convolution layers (forward, backward) for bench/conv-layers.sh.</summary>
internal static class BenchConvCommand
{
    /// <summary>One layer: name, input channels, output channels, input height/width, kernel, padding.</summary>
    private sealed record Layer(string Name, int Cin, int Cout, int H, int W, int Kernel, int Padding);

    /// <summary>The `bench conv` subcommand.</summary>
    public static Command Create()
    {
        var repeats = new Option<int>("--repeats") { Description = "Timed passes after warm-up", DefaultValueFactory = _ => 10 };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => 2 };
        var batch = new Option<int>("--batch") { Description = "Batch size", DefaultValueFactory = _ => 8 };
        var backend = new Option<string>("--gemm") { Description = "GEMM backend: openblas or managed", DefaultValueFactory = _ => "openblas" };
        var cmd = new Command("conv", "Time each 3x3/1x1 convolution of the reference U-Net (batch 8, 96x128); prints JSON lines.");
        cmd.Options.Add(repeats);
        cmd.Options.Add(threads);
        cmd.Options.Add(batch);
        cmd.Options.Add(backend);
        cmd.SetAction(parse =>
        {
            Threading.Threads = parse.GetValue(threads);
            Gemm.Backend = parse.GetValue(backend) == "managed" ? GemmBackend.Managed : GemmBackend.OpenBlas;
            // One untimed pass over every layer first: the kernels reach tiered JIT's optimised code before any timing.
            foreach (var layer in Layers(96, 128)) Time(layer, parse.GetValue(batch), 1);
            foreach (var layer in Layers(96, 128)) Console.WriteLine(Time(layer, parse.GetValue(batch), parse.GetValue(repeats)));
        });
        return cmd;
    }

    private static IEnumerable<Layer> Layers(int h, int w)
    {
        int[] widths = [16, 32, 64, 128];
        var cin = 3;
        for (var level = 0; level < 4; level++, h /= 2, w /= 2, cin = widths[level - 1])
        {
            yield return new($"enc{level + 1}a", cin, widths[level], h, w, 3, 1);
            yield return new($"enc{level + 1}b", widths[level], widths[level], h, w, 3, 1);
        }
        yield return new("mid-a", 128, 256, h, w, 3, 1);
        yield return new("mid-b", 256, 256, h, w, 3, 1);
        var below = 256;
        for (var level = 3; level >= 0; level--)
        {
            h *= 2;
            w *= 2;
            yield return new($"dec{level + 1}a", below + widths[level], widths[level], h, w, 3, 1);
            yield return new($"dec{level + 1}b", widths[level], widths[level], h, w, 3, 1);
            below = widths[level];
        }
        yield return new("head", 16, 12, h, w, 1, 0);
    }

    private static string Time(Layer l, int n, int repeats)
    {
        var rng = new Random(0);
        var x = Random(rng, n, l.Cin, l.H, l.W);
        var wt = Random(rng, l.Cout, l.Cin, l.Kernel, l.Kernel);
        var gy = Random(rng, n, l.Cout, l.H, l.W);
        var forward = new List<double>();
        var gradInput = new List<double>();
        var gradWeight = new List<double>();
        for (var r = 0; r < repeats + 2; r++)
        {
            var sw = Stopwatch.StartNew();
            F.Conv2d(x, wt, null, 1, l.Padding);
            var f = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            // The two kernels conv2d's backward runs (grad input, grad weight), without the loss ops around them.
            var g = ConvShapes.Conv("conv2d", x, wt, null, (1, 1), (l.Padding, l.Padding), (1, 1), 1);
            ConvKernels.BackwardInput(gy.Data, wt.Data, new float[x.Count], g);
            var bi = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            ConvKernels.BackwardWeight(x.Data, gy.Data, new float[wt.Count], g);
            var bw = sw.Elapsed.TotalMilliseconds;
            if (r < 2) continue;
            forward.Add(f);
            gradInput.Add(bi);
            gradWeight.Add(bw);
        }
        var macs = (double)n * l.Cout * l.H * l.W * l.Cin * l.Kernel * l.Kernel;
        return JsonSerializer.Serialize(new
        {
            name = l.Name, batch = n, cin = l.Cin, cout = l.Cout, h = l.H, w = l.W, kernel = l.Kernel, padding = l.Padding,
            gflop = 2 * macs / 1e9, forwardMs = Timings.Median(forward),
            backwardMs = Timings.Median(gradInput) + Timings.Median(gradWeight), gradInputMs = Timings.Median(gradInput), gradWeightMs = Timings.Median(gradWeight),
        });
    }

    private static Tensor Random(Random rng, params int[] shape)
    {
        var t = Tensor.Zeros(shape);
        for (var i = 0; i < t.Count; i++) t.Data[i] = (float)(rng.NextDouble() * 2 - 1);
        return t;
    }
}
