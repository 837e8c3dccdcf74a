using MathNet.Numerics.Statistics;
using System.Diagnostics;
using ResearchKit.Data;
using ResearchKit.Models;
using ResearchKit.Engine;
using ResearchKit.Training;
using ResearchKit.Metrics;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>The wall time of one arm, as medians over the rounds of <see cref="SrTiming.Measure"/>.</summary>
/// <param name="TrainStepMs">One training step: forward through every exit, the arm's loss, backward, SGD.</param>
/// <param name="TestMsPerImage">The test-time pass of the arm's trained seed-0 network per val image (padding, forward
/// of the main path, bilinear up-sampling to 360×480), as NB08 scores it.</param>
public sealed record SrArmTiming(string Arm, double TrainStepMs, double TestMsPerImage);

/// <summary>What <see cref="SrTiming.Measure"/> measured, and how.</summary>
/// <param name="LoadAverage">The 1-minute load average of the machine when the measurement began (NaN without /proc).</param>
public sealed record SrTimingResult(SrArmTiming[] Arms, int Rounds, int Batch, int CropHeight, int CropWidth, int TestImages,
    int Threads, double LoadAverage)
{
    /// <summary>The timing of arm <paramref name="name"/>.</summary>
    public SrArmTiming Of(string name) => Arms.Single(a => a.Arm == name);
}

/// <summary>NB09's training and test-time overhead in wall time, measured side by side in one process: every arm's
/// training step on the same batch, and every arm's trained network on the same val images, interleaved round by round
/// (in a rotated order) so that a change of load on the machine falls on every arm alike. The per-epoch times of the
/// training runs are kept too, but they come from runs made at different times, under whatever else the machine ran.</summary>
public static class SrTiming
{
    /// <summary>Measures every arm of <paramref name="result"/>: <paramref name="warmup"/> untimed and
    /// <paramref name="rounds"/> timed training steps each, on networks fresh from the arm's seed-0 config with the SR
    /// terms on (<paramref name="rounds"/> defaults to the config's <see cref="SelfRegulationConfig.TimingRounds"/>);
    /// then as many test-time passes over the first <paramref name="testImages"/> val images with each arm's trained
    /// seed-0 checkpoint. Data from <paramref name="dataRoot"/> (default <see cref="DataPaths.CamVid"/>).</summary>
    public static SrTimingResult Measure(SelfRegulationResult result, int? rounds = null, int warmup = 2, int testImages = 16,
        string? dataRoot = null, TextWriter? log = null)
    {
        var cfg = result.Config;
        var n = rounds ?? cfg.TimingRounds;
        ArgumentOutOfRangeException.ThrowIfLessThan(n, 1, nameof(rounds));
        var b = cfg.Base;
        dataRoot ??= DataPaths.CamVid;
        log ??= Console.Out;
        TorchRuntime.SetThreads(b.Threads);
        var load = LoadAverage();
        var camvid = CamVid.Open(dataRoot);
        var train = SegmentationSet.Load(camvid.Split("train"), b.Factor, b.ImageResize, b.LabelRule, b.BatchSize);
        using var batch = new SegmentationLoader(train, b.BatchSize, b.CropHeight, b.CropWidth, (ulong)cfg.Seed).Epoch(0).First();
        var val = SegmentationSet.Load(camvid.Split("val"), b.Factor, b.ImageResize, b.LabelRule, testImages);
        var arms = cfg.Arms;

        var steps = arms.Select(a =>
        {
            var run = cfg.Run(a, cfg.Seed);
            var model = Trainer.Build(run);
            model.train();
            var sgd = Trainer.Optimizer(run, model);
            return (Action)(() => Trainer.Step(model, sgd, batch, CamVid.IgnoreIndex, run.SelfRegulation, selfRegulate: true));
        }).ToArray();
        var trainMs = Interleaved(steps, n, warmup, "train step", arms, log);

        var tests = arms.Select(a =>
        {
            var checkpoint = result.Of(a.Name).First(r => r.Seed == cfg.Seed).Checkpoint;
            var (_, model) = TrainedModel.Load(checkpoint);
            var segmentation = (ISegmentationModel)model;
            return (Action)(() =>
            {
                foreach (var _ in Evaluation.FullResolutionLogits(segmentation, val, 360, 480)) { }
            });
        }).ToArray();
        var testMs = Interleaved(tests, n, warmup, "test pass", arms, log);

        return new SrTimingResult(arms.Select((a, i) => new SrArmTiming(a.Name, trainMs[i], testMs[i] / val.Count)).ToArray(),
            n, b.BatchSize, b.CropHeight, b.CropWidth, val.Count, b.Threads, load);
    }

    /// <summary>Median milliseconds of each action over <paramref name="rounds"/> rounds; round r runs them starting
    /// from action r mod n, so no arm always runs first (or right after the same neighbour's allocations).</summary>
    private static double[] Interleaved(Action[] actions, int rounds, int warmup, string what, SrArm[] arms, TextWriter log)
    {
        var n = actions.Length;
        for (var w = 0; w < warmup; w++)
            foreach (var a in actions) a();
        var times = new double[n][];
        for (var i = 0; i < n; i++) times[i] = new double[rounds];
        for (var r = 0; r < rounds; r++)
        {
            for (var k = 0; k < n; k++)
            {
                var i = (r + k) % n;
                var sw = Stopwatch.StartNew();
                actions[i]();
                times[i][r] = sw.Elapsed.TotalMilliseconds;
            }
            log.WriteLine($"timing: {what}, round {r + 1}/{rounds}: " +
                string.Join(", ", arms.Select((a, i) => $"{a.Name} {times[i][r]:0} ms")));
        }
        return times.Select(t => Statistics.Median(t)).ToArray();
    }

    private static double LoadAverage()
    {
        const string path = "/proc/loadavg";
        return File.Exists(path) && double.TryParse(File.ReadAllText(path).Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture, out var v)
            ? v : double.NaN;
    }
}
