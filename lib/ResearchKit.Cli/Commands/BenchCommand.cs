using ResearchKit.Benchmarks;
using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using ResearchKit.Data;
using ResearchKit.Spectral;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit bench ...`: timing workloads that bench/ scripts compare with reference implementations.</summary>
internal static class BenchCommand
{
    private const int Images = 16, Height = 360, Width = 480, NumClasses = 11, VoidId = 11, Seed = 0;

    /// <summary>The `bench` command with its subcommands (spectrum, soft-labels, train-step, inference).</summary>
    public static Command Create()
    {
        var bench = new Command("bench", "Time library workloads (see bench/).");
        bench.Subcommands.Add(Spectrum());
        bench.Subcommands.Add(SoftLabelsBench());
        bench.Subcommands.Add(BenchModelCommand.Create(train: true));
        bench.Subcommands.Add(BenchModelCommand.Create(train: false));
        return bench;
    }

    private static Command Spectrum()
    {
        var repeats = new Option<int>("--repeats") { Description = "Timed passes after warm-up", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => 2 };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of text" };
        var camvid = new Option<string?>("--camvid") { Description = "CamVid root: use its first 16 train labels instead of synthetic maps" };
        var cmd = new Command("spectrum",
            "Label-spectrum workload: 16 label maps of 360x480, 12 one-hot channels (11 classes + void) -> FFT -> power -> radial profile.");
        cmd.Options.Add(repeats);
        cmd.Options.Add(threads);
        cmd.Options.Add(json);
        cmd.Options.Add(camvid);
        cmd.SetAction(parse =>
        {
            var root = parse.GetValue(camvid);
            var labels = root is null ? LabelSpectrumBenchmark.Synthetic(Images, Height, Width, NumClasses + 1, Seed) : FirstTrainLabels(root);
            Report(Run(labels, parse.GetValue(repeats), parse.GetValue(threads)), root is null ? "synthetic" : "camvid", parse.GetValue(json));
        });
        return cmd;
    }

    private static Command SoftLabelsBench()
    {
        var repeats = new Option<int>("--repeats") { Description = "Timed passes after warm-up", DefaultValueFactory = _ => 20 };
        var threads = new Option<int>("--threads") { Description = "Worker threads", DefaultValueFactory = _ => 2 };
        var method = new Option<string>("--method") { Description = "Rule (kebab-case)", DefaultValueFactory = _ => "soft-box" };
        var camvid = new Option<string?>("--camvid") { Description = "CamVid root: use its first 16 train labels instead of synthetic maps" };
        var cmd = new Command("soft-labels",
            "Soft-label workload: 16 label maps of 360x480 (11 classes, void 11) to soft labels at factors 2, 4 and 8; prints one JSON object.")
        { repeats, threads, method, camvid };
        cmd.SetAction(parse =>
        {
            var root = parse.GetValue(camvid);
            // Ids 0..11 with 11 as void: the same maps the PyTorch side one-hot encodes.
            var labels = root is null ? LabelSpectrumBenchmark.Synthetic(Images, Height, Width, NumClasses + 1, Seed) : FirstTrainLabels(root);
            var rule = Labels.LabelDownsamplingNames.Parse(parse.GetValue(method)!);
            int[] factors = [2, 4, 8];
            var r = SoftLabelBenchmark.Run(labels, rule, factors, NumClasses, VoidId, parse.GetValue(repeats), parse.GetValue(threads));
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                workload = "soft-labels", method = Labels.LabelDownsamplingNames.Name(rule), source = root is null ? "synthetic" : "camvid",
                images = labels.Length, height = Height, width = Width, classes = NumClasses, factors, threads = parse.GetValue(threads),
                repeats = r.Seconds.Length, median_seconds = r.MedianSeconds, sums = r.Sums,
            }));
        });
        return cmd;
    }

    private static LabelMap[] FirstTrainLabels(string root)
    {
        var train = CamVid.Open(root).Split("train");
        if (train.Count < Images) throw new InvalidDataException($"{root}: the train split has {train.Count} labels, the benchmark needs {Images}.");
        return Enumerable.Range(0, Images).Select(train.LoadLabel).ToArray();
    }

    private static LabelSpectrumBenchmarkResult Run(IReadOnlyList<LabelMap> labels, int repeats, int threads) =>
        // Void as its own channel makes 12 one-hot channels, the same 12 the scipy reference transforms.
        LabelSpectrumBenchmark.Run(labels, NumClasses, VoidId, VoidHandling.SeparateChannel, repeats, threads);

    private static void Report(LabelSpectrumBenchmarkResult r, string source, bool json)
    {
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                workload = "label-spectrum", source, images = r.Images, height = r.Height, width = r.Width,
                channels = r.Channels, threads = r.Threads, repeats = r.Seconds.Length,
                median_seconds = r.MedianSeconds, profile_sum = r.ProfileSum,
            }));
            return;
        }
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"label-spectrum ({source}, {r.Images}x{r.Height}x{r.Width}, {r.Channels} channels, {r.Threads} threads): median {r.MedianSeconds * 1000:F1} ms over {r.Seconds.Length} repeats"));
    }
}
