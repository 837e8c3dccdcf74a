// TorchSharpTwin: raw TorchSharp 0.107 (libtorch 2.10) twin of bench/torch/unet_ref.py, no kit code (issue 17).
//
//   TorchSharpTwin train-step|inference [--batch 8] [--size 96x128] [--threads 2] [--warmup 3] [--runs 20]
//                  [--seed 0] [--channels-last on|off] [--malloc on|off] [--mkldnn on|off] [--json]
//   TorchSharpTwin conv-study [--op conv|block] [--cin 16] [--cout 16] [--batch 8] [--size 96x128] [--threads 2]
//                  [--warmup 3] [--runs 20] [--channels-last on|off] [--malloc on|off] [--mkldnn on|off]
//                  [--input reuse|fresh] [--json]
//   TorchSharpTwin params
//
// train-step / inference follow unet_ref.py's protocol: seed, model, x ~ U[0,1) [N,3,H,W], labels ~ randint(0,12)
// [N,H,W]; a train step is zero_grad(set_to_none), forward (train mode), mean cross-entropy, backward, SGD(lr 0.01,
// momentum 0.9) step; inference is eval mode + no_grad forward; `warmup` untimed calls, then `runs` timed ones, each
// in its own DisposeScope (disposal timed too, as Python frees on return). JSON fields as unet_ref.py: medianMs,
// minMs, maxMs, flops, gflops, peakRssMiB (VmHWM, so one mode per process), threads.
// --channels-last on (default): the input and the conv weights get channels-last strides once, outside the timed loop
//   (x.permute(0,2,3,1).contiguous().permute(0,3,1,2): TorchSharp 0.107 has no contiguous(memory_format)).
// --malloc on (default): mallopt(M_MMAP_THRESHOLD 256 MiB, M_TRIM_THRESHOLD 1 GiB) before the first tensor.
// --mkldnn off: at::globalContext().setUserEnabledMkldnn(false) (torch.backends.mkldnn.enabled = False).
// conv-study: one 3x3 conv cin->cout (--op conv) or one Block(cin, cout) in train mode (--op block) on
//   [batch, cin, H, W]; prints medians of an inference forward (no_grad), a training forward and its backward
//   (random grad of the output's layout; the input requires grad), and the median minor page faults of each.
//   --input fresh makes a new input before every call. Driven by bench/torch/conv_study.py.
// params: prints named_parameters() (name [shape]) to check them against unet_ref.UNetRef.
using System.Diagnostics;
using System.Text.Json;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace TorchSharpTwin;

internal static class Program
{
    private static int Main(string[] argv)
    {
        Options o;
        try { o = Options.Parse(argv); }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"TorchSharpTwin: {e.Message}");
            Console.Error.WriteLine(Options.Usage);
            return 2;
        }
        if (o.Malloc) Native.TuneMalloc();   // before the first tensor
        torch.set_num_threads(o.Threads);
        torch.manual_seed(o.Seed);
        using (torch.NewDisposeScope()) torch.zeros(1).add_(1);   // loads libtorch (needed by SetMkldnnEnabled)
        bool mkldnn = Native.SetMkldnnEnabled(o.Mkldnn);
        if (o.Mode == "params")
        {
            // named_parameters() of the model, to check names, order and shapes against unet_ref.UNetRef.
            foreach (var (name, p) in new UNetRef().named_parameters())
                Console.WriteLine($"{name} [{string.Join(", ", p.shape)}]");
            return 0;
        }
        var result = o.Mode == "conv-study" ? ConvStudy(o) : UNetBench(o);
        result["mkldnnEnabled"] = mkldnn;
        result["malloc"] = o.Malloc;
        result["channelsLast"] = o.ChannelsLast;
        result["onednnPrimitiveCacheCapacity"] = Environment.GetEnvironmentVariable("ONEDNN_PRIMITIVE_CACHE_CAPACITY")
                                                 ?? Environment.GetEnvironmentVariable("DNNL_PRIMITIVE_CACHE_CAPACITY");
        result["peakRssMiB"] = Math.Round(Native.PeakRssMiB(), 1);
        if (o.Json) Console.WriteLine(JsonSerializer.Serialize(result));
        else
            foreach (var (k, v) in result)
                Console.WriteLine($"{k,-30} {(v is double[] a ? string.Join(" ", a) : v)}");
        return 0;
    }

    private static Dictionary<string, object?> UNetBench(Options o)
    {
        var model = new UNetRef();
        var x = torch.rand(o.Batch, UNetRef.InChannels, o.Height, o.Width);
        var labels = torch.randint(0, UNetRef.NumClasses, [o.Batch, o.Height, o.Width]);
        if (o.ChannelsLast)
        {
            x = ToChannelsLast(x);
            foreach (var (_, m) in model.named_modules())
                if (m is Conv2d conv)
                    using (torch.no_grad())
                        conv.weight = new Parameter(ToChannelsLast(conv.weight!.detach()));
        }
        Action step;
        if (o.Mode == "inference")
        {
            model.eval();
            step = () =>
            {
                using var scope = torch.NewDisposeScope();
                using var noGrad = torch.no_grad();
                model.forward(x);
            };
        }
        else
        {
            model.train();
            var opt = torch.optim.SGD(model.parameters(), 0.01, momentum: 0.9);
            step = () =>
            {
                using var scope = torch.NewDisposeScope();
                model.zero_grad(set_to_none: true);
                var loss = F.cross_entropy(model.forward(x), labels);
                loss.backward();
                opt.step();
            };
        }
        var times = Time(step, o.Warmup, o.Runs, out double rssAfterWarmup, out double[] faults);
        double rssEnd = Native.RssMiB();
        double median = Median(times);
        long flops = 2 * UNetRef.ForwardMacs(o.Batch, o.Height, o.Width) * (o.Mode == "train-step" ? 3 : 1);
        return new()
        {
            ["impl"] = "torchsharp-twin", ["model"] = "unet-ref", ["mode"] = o.Mode, ["batch"] = o.Batch,
            ["height"] = o.Height, ["width"] = o.Width, ["threads"] = torch.get_num_threads(), ["warmup"] = o.Warmup,
            ["runs"] = o.Runs, ["medianMs"] = Math.Round(median, 3), ["minMs"] = Math.Round(times.Min(), 3),
            ["maxMs"] = Math.Round(times.Max(), 3), ["flops"] = flops,
            ["gflops"] = Math.Round(flops / (median / 1000.0) / 1e9, 2),
            ["parameters"] = model.parameters().Sum(p => p.numel()), ["torch"] = torch.__version__,
            ["inputChannelsLast"] = IsChannelsLast(x),
            // VmRSS after the warm-up and after the last run: growth between them means memory is not reused.
            ["rssAfterWarmupMiB"] = Math.Round(rssAfterWarmup, 1), ["rssEndMiB"] = Math.Round(rssEnd, 1),
            ["timesMs"] = Rounded(times),
            // Minor page faults per timed call (whole process): each costs ~6 us here (bench/README.md, issue 17).
            ["faultsMedian"] = Median(faults), ["faultsMax"] = faults.Max(),
        };
    }

    private static Dictionary<string, object?> ConvStudy(Options o)
    {
        nn.Module<Tensor, Tensor> op = o.Op == "block"
            ? new Block(o.Cin, o.Cout)
            : nn.Conv2d(o.Cin, o.Cout, 3, padding: 1, bias: false);
        if (o.ChannelsLast)
            foreach (var (_, m) in op.named_modules())
                if (m is Conv2d conv)
                    using (torch.no_grad())
                        conv.weight = new Parameter(ToChannelsLast(conv.weight!.detach()));
        Tensor MakeInput()
        {
            var t = torch.rand(o.Batch, o.Cin, o.Height, o.Width);
            return o.ChannelsLast ? ToChannelsLast(t) : t;
        }
        var x0 = MakeInput();   // made outside any DisposeScope: lives for the whole run
        bool outChannelsLast;
        using (torch.NewDisposeScope())
        using (torch.no_grad())
            outChannelsLast = IsChannelsLast(op.forward(x0));
        Tensor Input() => o.FreshInput ? MakeInput() : x0;

        // Inference forward (eval, no_grad); then a training forward and its backward, timed separately in the same
        // call. A fresh input (--input fresh) is made before each call's timer starts. Minor page faults of the
        // process (all threads) are counted around each timed part: they show when a call runs on fresh pages.
        op.eval();
        var inf = new List<double>();
        var infFaults = new List<double>();
        for (int i = 0; i < o.Warmup + o.Runs; i++)
        {
            using var scope = torch.NewDisposeScope();
            using var noGrad = torch.no_grad();
            var x = Input();
            long f0 = Native.MinorFaults(), t0 = Stopwatch.GetTimestamp();
            op.forward(x);
            long t1 = Stopwatch.GetTimestamp(), f1 = Native.MinorFaults();
            if (i < o.Warmup) continue;
            inf.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            infFaults.Add(f1 - f0);
        }
        op.train();
        var fwd = new List<double>();
        var bwd = new List<double>();
        var fwdFaults = new List<double>();
        var bwdFaults = new List<double>();
        for (int i = 0; i < o.Warmup + o.Runs; i++)
        {
            using var scope = torch.NewDisposeScope();
            op.zero_grad(set_to_none: true);
            var x = Input().detach().requires_grad_(true);
            long f0 = Native.MinorFaults(), t0 = Stopwatch.GetTimestamp();
            var y = op.forward(x);
            long t1 = Stopwatch.GetTimestamp(), f1 = Native.MinorFaults();
            var g = torch.rand_like(y);   // same strides as y (preserve_format)
            long f2 = Native.MinorFaults(), t2 = Stopwatch.GetTimestamp();
            y.backward([g]);
            long t3 = Stopwatch.GetTimestamp(), f3 = Native.MinorFaults();
            if (i < o.Warmup) continue;
            fwd.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            bwd.Add(Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds);
            fwdFaults.Add(f1 - f0);
            bwdFaults.Add(f3 - f2);
        }
        long pixels = o.Batch * o.Height * o.Width;
        long macs = pixels * o.Cout * o.Cin * 9 + (o.Op == "block" ? pixels * o.Cout * o.Cout * 9 : 0);
        return new()
        {
            ["impl"] = "torchsharp-twin", ["torch"] = torch.__version__, ["mode"] = "conv-study", ["op"] = o.Op,
            ["cin"] = o.Cin, ["cout"] = o.Cout, ["batch"] = o.Batch, ["height"] = o.Height, ["width"] = o.Width,
            ["threads"] = torch.get_num_threads(), ["input"] = o.FreshInput ? "fresh" : "reuse",
            ["inputChannelsLast"] = IsChannelsLast(x0), ["outputChannelsLast"] = outChannelsLast,
            ["forwardMacs"] = macs, ["warmup"] = o.Warmup, ["runs"] = o.Runs,
            ["infMedianMs"] = Math.Round(Median([.. inf]), 3), ["fwdMedianMs"] = Math.Round(Median([.. fwd]), 3),
            ["bwdMedianMs"] = Math.Round(Median([.. bwd]), 3),
            ["infFaults"] = Median([.. infFaults]), ["fwdFaults"] = Median([.. fwdFaults]),
            ["bwdFaults"] = Median([.. bwdFaults]),
            ["infMs"] = Rounded([.. inf]), ["fwdMs"] = Rounded([.. fwd]), ["bwdMs"] = Rounded([.. bwd]),
        };
    }

    /// <summary>Channels-last strides for an NCHW tensor, as contiguous(memory_format=channels_last) gives.</summary>
    private static Tensor ToChannelsLast(Tensor x) => x.permute(0, 2, 3, 1).contiguous().permute(0, 3, 1, 2);

    private static bool IsChannelsLast(Tensor x)
    {
        var s = x.stride();
        long c = x.shape[1], h = x.shape[2], w = x.shape[3];
        return s[1] == 1 && s[3] == c && s[2] == w * c && s[0] == h * w * c;
    }

    private static double[] Time(Action step, int warmup, int runs, out double rssAfterWarmupMiB, out double[] faults)
    {
        for (int i = 0; i < warmup; i++) step();
        rssAfterWarmupMiB = Native.RssMiB();
        var ms = new double[runs];
        faults = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long f0 = Native.MinorFaults(), t0 = Stopwatch.GetTimestamp();
            step();
            ms[i] = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            faults[i] = Native.MinorFaults() - f0;
        }
        return ms;
    }

    private static double Median(double[] v)
    {
        var s = v.Order().ToArray();
        return s.Length % 2 == 1 ? s[s.Length / 2] : 0.5 * (s[s.Length / 2 - 1] + s[s.Length / 2]);
    }

    private static double[] Rounded(double[] v) => [.. v.Select(t => Math.Round(t, 2))];
}

internal sealed record Options(string Mode, long Batch, long Height, long Width, int Threads, int Warmup, int Runs,
    long Seed, bool Json, bool ChannelsLast, bool Malloc, bool Mkldnn, string Op, long Cin, long Cout, bool FreshInput)
{
    public const string Usage =
        "usage: TorchSharpTwin train-step|inference|conv-study|params [--batch 8] [--size 96x128] [--threads 2]\n" +
        "         [--warmup 3] [--runs 20] [--seed 0] [--channels-last on|off] [--malloc on|off] [--mkldnn on|off]\n" +
        "         [--json]\n" +
        "         conv-study only: [--op conv|block] [--cin 16] [--cout 16] [--input reuse|fresh]";

    public static Options Parse(string[] a)
    {
        if (a.Length == 0 || a[0] is not ("train-step" or "inference" or "conv-study" or "params"))
            throw new ArgumentException("the first argument must be train-step, inference, conv-study or params");
        var o = new Options(a[0], 8, 96, 128, 2, 3, 20, 0, false, true, true, true, "conv", 16, 16, false);
        for (int i = 1; i < a.Length; i++)
        {
            string Next() => i + 1 < a.Length ? a[++i] : throw new ArgumentException($"{a[i]} needs a value");
            o = a[i] switch
            {
                "--batch" => o with { Batch = Positive(a[i], Next()) },
                "--size" => ParseSize(o, Next()),
                "--threads" => o with { Threads = (int)Positive(a[i], Next()) },
                "--warmup" => o with { Warmup = (int)NonNegative(a[i], Next()) },
                "--runs" => o with { Runs = (int)Positive(a[i], Next()) },
                "--seed" => o with { Seed = NonNegative(a[i], Next()) },
                "--cin" => o with { Cin = Positive(a[i], Next()) },
                "--cout" => o with { Cout = Positive(a[i], Next()) },
                "--channels-last" => o with { ChannelsLast = OnOff(a[i], Next()) },
                "--malloc" => o with { Malloc = OnOff(a[i], Next()) },
                "--mkldnn" => o with { Mkldnn = OnOff(a[i], Next()) },
                "--op" => o with { Op = OneOf(a[i], Next(), "conv", "block") },
                "--input" => o with { FreshInput = OneOf(a[i], Next(), "reuse", "fresh") == "fresh" },
                "--json" => o with { Json = true },
                _ => throw new ArgumentException($"unknown argument '{a[i]}'"),
            };
        }
        if (o.Mode != "conv-study" && (o.Height % 16 != 0 || o.Width % 16 != 0))
            throw new ArgumentException("--size: both sides must be multiples of 16");
        return o;
    }

    private static Options ParseSize(Options o, string v)
    {
        var p = v.ToLowerInvariant().Split('x');
        if (p.Length != 2 || !long.TryParse(p[0], out long h) || !long.TryParse(p[1], out long w) || h <= 0 || w <= 0)
            throw new ArgumentException($"--size '{v}': expected HxW, e.g. 96x128");
        return o with { Height = h, Width = w };
    }

    private static long Positive(string name, string v) => long.TryParse(v, out long n) && n > 0
        ? n : throw new ArgumentException($"{name} '{v}': expected a positive integer");

    private static long NonNegative(string name, string v) => long.TryParse(v, out long n) && n >= 0
        ? n : throw new ArgumentException($"{name} '{v}': expected an integer >= 0");

    private static bool OnOff(string name, string v) =>
        v == "on" || (v == "off" ? false : throw new ArgumentException($"{name} '{v}': expected on or off"));

    private static string OneOf(string name, string v, params string[] allowed) =>
        allowed.Contains(v) ? v : throw new ArgumentException($"{name} '{v}': expected {string.Join(" or ", allowed)}");
}
