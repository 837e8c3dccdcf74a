using ResearchKit.Plots;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>The tables of NB00: settings, the summary per model, per-class IoU, cost per layer and the issue's targets.</summary>
public static class CamVidBaselineTables
{
    /// <summary>Both training configs side by side, one setting per row.</summary>
    public static HtmlTable Settings(CamVidBaselineConfig cfg) => new(["setting", "U-Net", "DeepLabV3+"],
        Rows(cfg.UNet).Zip(Rows(cfg.DeepLabV3Plus), (u, d) => (IReadOnlyList<object?>)[u.Name, u.Value, d.Value]),
        $"CamVidBaselineConfig: two TrainConfigs; predictions kept for {cfg.PredictionImages} val images");

    private static IEnumerable<(string Name, string Value)> Rows(TrainConfig c) =>
    [
        ("model", c.Model.ToString()),
        ("widths / bottleneck (ASPP width)", $"{string.Join("-", c.Widths)} / {c.Bottleneck}"),
        ("output stride", c.Model == ModelKind.UNet ? "—" : c.OutputStride.ToString()),
        ("training resolution", $"{360 / c.Factor}×{480 / c.Factor} (factor {c.Factor}; image {c.ImageResize}, label {c.LabelRule})"),
        ("random crop", $"{c.CropHeight}×{c.CropWidth}, horizontal flip"),
        ("batch × epochs", $"{c.BatchSize} × {c.Epochs}"),
        ("SGD lr / momentum / weight decay", $"{c.LearningRate} / {c.Momentum} / {c.WeightDecay}"),
        ("poly power", c.PolyPower.ToString()),
        ("evaluate every", $"{c.EvalEvery} epochs"),
        ("train / val images", $"{c.TrainLimit?.ToString() ?? "all 367"} / {c.ValLimit?.ToString() ?? "all 101"}"),
        ("seed / threads", $"{c.Seed} / {c.Threads}"),
        ("config hash", ConfigHash.Of(c)),
    ];

    /// <summary>One row per model: size, cost, time and the val scores, with the run that made them.</summary>
    public static HtmlTable Summary(CamVidBaselineResult r) => new(
        ["model", "parameters", "GMACs / val image", "train time", "s / epoch", "val mIoU", "pixel acc.", "eval ms / image", "run"],
        r.Models.Select(m => (IReadOnlyList<object?>)[m.Name, m.Train.Parameters.ToString("N0"), (m.Macs / 1e9).ToString("0.00"),
            Minutes(TrainSeconds(m)), m.Train.Epochs.Average(e => e.Seconds).ToString("0.0"),
            m.Train.Final.MeanIoU.ToString("0.00"), m.Train.Final.PixelAccuracy.ToString("0.00"), (1000 * m.EvalSecondsPerImage).ToString("0"),
            $"config {m.Train.Manifest.ConfigHash}, seed {m.Train.Manifest.Seed}, commit {Short(m.Train.Manifest.Commit)}" +
            (m.Reused ? ", reused from " + Path.GetFileName(m.RunFolder) : ", trained now")]),
        "Val scores at full resolution (360×480), 11 classes, Unlabelled excluded; train time is the sum of the epochs " +
        "(with their val passes) over every process that trained the run, on this machine's cores");

    /// <summary>Seconds of all epochs, evaluation included, summed over the processes of a resumed run (a manifest's wall
    /// time covers only the last process).</summary>
    public static double TrainSeconds(BaselineModelRun m) => m.Train.Epochs.Sum(e => e.Seconds);

    /// <summary>Per-class train share and val IoU of each model, in the order of train frequency.</summary>
    public static HtmlTable PerClass(CamVidBaselineResult r)
    {
        double labelled = r.TrainPixels[..^1].Sum();
        var order = Enumerable.Range(0, r.ClassNames.Length).OrderByDescending(c => r.TrainPixels[c]);
        return new(new[] { "class", "train share" }.Concat(r.Models.Select(m => $"{m.Name} IoU")).ToArray(),
            order.Select(c => (IReadOnlyList<object?>)new object?[] { r.ClassNames[c], (100 * r.TrainPixels[c] / labelled).ToString("0.00") + "%" }
                .Concat(r.Models.Select(m => (object?)Iou(m.Train.Final.PerClassIoU[c]))).ToArray())
                .Append(new object?[] { "mean (mIoU)", "" }.Concat(r.Models.Select(m => (object?)m.Train.Final.MeanIoU.ToString("0.00"))).ToArray()),
            "Val IoU (%) per class; a class absent from the val split and never predicted would show n/a");
    }

    /// <summary>Parameters and MACs of each conv layer of <paramref name="model"/> for one val image, with the total.</summary>
    public static HtmlTable Layers(CamVidBaselineResult r, string model)
    {
        var run = r.Model(model);
        var total = (double)run.Macs;
        return new(["layer", "parameters", "MMACs", "share of MACs"],
            run.Layers.Select(l => (IReadOnlyList<object?>)[l.Layer, l.Parameters.ToString("N0"), (l.Macs / 1e6).ToString("0.0"),
                (100 * l.Macs / total).ToString("0.0") + "%"])
                .Append([$"total ({run.Layers.Length} convs)", run.Layers.Sum(l => l.Parameters).ToString("N0"), (total / 1e6).ToString("0.0"), "100%"]),
            $"{model}: conv layers for one val image (BN, pooling and resizing not counted; 1 MAC = 2 FLOP)");
    }

    /// <summary>The issues' targets next to what this run measured; not asserted (a target missed is a finding).</summary>
    /// <remarks>Issue 17 (the TorchSharp engine): Quick TinyUNet val mIoU ≥ 50, and TinyUNet and DeepLabV3+ together
    /// train in ≤ 20 min on 2 cores. Issue 4: Paper TinyUNet ≥ 50.</remarks>
    public static HtmlTable Targets(CamVidBaselineResult r)
    {
        var unet = r.Model("U-Net");
        var rows = new List<IReadOnlyList<object?>>();
        var minutes = r.Models.Sum(TrainSeconds) / 60;
        if (ConfigHash.Of(r.Config) == ConfigHash.Of(CamVidBaselineConfig.Quick))
        {
            rows.Add(["Quick: TinyUNet val mIoU ≥ 50", unet.Train.Final.MeanIoU.ToString("0.00"), unet.Train.Final.MeanIoU >= 50 ? "met" : "not met"]);
            rows.Add(["Quick: TinyUNet and DeepLabV3+ together train in ≤ 20 min on 2 cores", $"{minutes:0.0} min", minutes <= 20 ? "met" : "not met"]);
        }
        else if (ConfigHash.Of(r.Config) == ConfigHash.Of(CamVidBaselineConfig.Paper))
            rows.Add(["Paper: TinyUNet val mIoU ≥ 50", unet.Train.Final.MeanIoU.ToString("0.00"), unet.Train.Final.MeanIoU >= 50 ? "met" : "not met"]);
        else
            rows.Add(["(targets are stated for Quick and Paper only)", $"{unet.Train.Final.MeanIoU:0.00} mIoU, {minutes:0.0} min for both", "—"]);
        return new(["target", "measured", "status"], rows, "Issues 4 and 17's targets; a time measured on a shared machine varies with what else runs");
    }

    private static string Iou(double v) => double.IsNaN(v) ? "n/a" : v.ToString("0.00");

    private static string Minutes(double seconds) => $"{seconds / 60:0.0} min";

    private static string Short(string commit) => commit.Length > 10 ? commit[..10] + (commit.EndsWith("+dirty") ? "+dirty" : "") : commit;
}
