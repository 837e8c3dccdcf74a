using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ResearchKit.Autograd;
using ResearchKit.Tensors;
using ResearchKit.Metrics;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit bench ops`: the reference U-Net's non-conv ops at its shapes (batch 8, 96x128), timed forward
/// and forward + backward; bench/ops.sh runs bench/torch/ops.py on the same list and prints ratios.</summary>
internal static class BenchOpsCommand
{
    /// <summary>One timed case: an op name, the input shape(s) and the op itself.</summary>
    private sealed record Case(string Op, string Shape, Func<Tensor[], Tensor> Run, int[][] Inputs);

    /// <summary>One timed result (JSON: op, shape, forwardMs, trainMs).</summary>
    private sealed record Row(string Op, string Shape, double ForwardMs, double TrainMs);

    /// <summary>The `ops` command (a subcommand of `bench`).</summary>
    public static Command Create()
    {
        var repeats = new Option<int>("--repeats") { Description = "Timed passes after warm-up", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var only = new Option<string?>("--op") { Description = "Time only the cases of this op (e.g. relu)" };
        var cmd = new Command("ops", "Non-conv ops of the reference U-Net (BN train, ReLU, max-pool 2x2, bilinear x2, concat) at batch 8, 96x128.");
        cmd.Options.Add(repeats);
        cmd.Options.Add(threads);
        cmd.Options.Add(json);
        cmd.Options.Add(only);
        cmd.SetAction(parse =>
        {
            Threading.Threads = parse.GetValue(threads);
            var op = parse.GetValue(only);
            var rows = Cases().Where(c => op is null || c.Op == op).Select(c => Time(c, Math.Max(1, parse.GetValue(repeats)))).ToList();
            if (parse.GetValue(json))
                Console.WriteLine(JsonSerializer.Serialize(new { threads = Threading.Threads, repeats = parse.GetValue(repeats), rows },
                    new JsonSerializerOptions(JsonSerializerDefaults.Web)));
            else
                foreach (var r in rows)
                    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{r.Op,-21} {r.Shape,-34} forward {r.ForwardMs,8:F3} ms   forward+backward {r.TrainMs,8:F3} ms"));
            if (!parse.GetValue(json))
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"GC: {GC.CollectionCount(0)} gen0, {GC.CollectionCount(2)} gen2, paused {GC.GetTotalPauseDuration().TotalMilliseconds:F0} ms"));
        });
        return cmd;
    }

    /// <summary>The U-Net's shapes: encoder widths 16..128 and the 256 bottleneck at 96x128 / 2^level.</summary>
    private static IEnumerable<Case> Cases()
    {
        (int C, int H, int W)[] levels = [(16, 96, 128), (32, 48, 64), (64, 24, 32), (128, 12, 16), (256, 6, 8)];
        // The harness's own cost: x·1 then (y·g).sum() and its backward, the same wrapping every other case pays.
        foreach (var (c, h, w) in levels)
            yield return new Case("baseline_scale", Fmt([8, c, h, w]), x => F.Scale(x[0], 1f), [[8, c, h, w]]);
        foreach (var (c, h, w) in levels)
        {
            var shape = new[] { 8, c, h, w };
            yield return new Case("batch_norm_train", Fmt(shape), x => F.BatchNorm2d(x[0], x[1], x[2], x[3], x[4], true), [shape, [c], [c], [c], [c]]);
        }
        foreach (var (c, h, w) in levels)
        {
            var shape = new[] { 8, c, h, w };
            yield return new Case("batch_norm_relu_train", Fmt(shape), x => F.BatchNorm2dRelu(x[0], x[1], x[2], x[3], x[4], true), [shape, [c], [c], [c], [c]]);
        }
        foreach (var (c, h, w) in levels)
            yield return new Case("relu", Fmt([8, c, h, w]), x => F.Relu(x[0]), [[8, c, h, w]]);
        foreach (var (c, h, w) in levels[..4])
            yield return new Case("max_pool2d_2x2", Fmt([8, c, h, w]), x => F.MaxPool2d(x[0], 2, 2), [[8, c, h, w]]);
        for (var l = 4; l >= 1; l--)
        {
            var (c, h, w) = levels[l];
            yield return new Case("upsample_bilinear_x2", Fmt([8, c, h, w]), x => F.UpsampleBilinear(x[0], 2 * h, 2 * w, false), [[8, c, h, w]]);
        }
        for (var l = 4; l >= 1; l--)
        {
            var (c, h, w) = levels[l];
            var skip = levels[l - 1];
            int[] up = [8, c, skip.H, skip.W], s = [8, skip.C, skip.H, skip.W];
            yield return new Case("concat_dim1", Fmt(up) + "+" + Fmt(s), x => F.Concat(x, 1), [up, s]);
        }
    }

    private static Row Time(Case c, int repeats)
    {
        var rng = new Random(0);
        var inputs = c.Inputs.Select(s => Random(rng, s)).ToArray();
        inputs[0].RequiresGrad = true;
        if (c.Op.StartsWith("batch_norm")) inputs[1].RequiresGrad = inputs[2].RequiresGrad = true;
        Tensor? g = null;
        var forward = Median(repeats, () =>
        {
            using var _ = GradMode.Disable();
            c.Run(inputs);
        });
        var train = Median(repeats, () =>
        {
            var y = c.Run(inputs);
            g ??= Random(rng, y.Shape);
            F.Sum(F.Mul(y, g)).Backward(); // the same (y * g).sum().backward() as the PyTorch side
            foreach (var t in inputs) t.Grad = null;
        });
        return new Row(c.Op, c.Shape, forward, train);
    }

    private static double Median(int repeats, Action body)
    {
        // Warm up for at least half a second so tiered JIT has promoted the kernels (steady state, as in training).
        var warm = Stopwatch.StartNew();
        for (var i = 0; i < 3 || warm.ElapsedMilliseconds < 500; i++) body();
        var ms = new double[repeats];
        for (var i = 0; i < repeats; i++)
        {
            var sw = Stopwatch.StartNew();
            body();
            ms[i] = sw.Elapsed.TotalMilliseconds;
        }
        return Timings.Median(ms);
    }

    private static Tensor Random(Random rng, int[] shape)
    {
        var t = Tensor.Zeros(shape);
        for (var i = 0; i < t.Count; i++) t.Data[i] = (float)(rng.NextDouble() * 2 - 1) + (shape.Length == 1 ? 1.5f : 0f);
        return t;
    }

    private static string Fmt(int[] shape) => ShapeChecks.Format(shape);
}
