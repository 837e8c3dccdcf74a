using Deedle;
using ResearchKit.Repro;
using ResearchKit.Tables;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>The tables of NB00: settings, the summary per model, per-class IoU, cost per layer and the issue's targets.</summary>
public static class CamVidBaselineTables
{
    /// <summary>Both training configs of <see cref="CamVidBaselineConfig"/> side by side, one setting per row, and how
    /// many val images keep their predictions for the prediction grid.</summary>
    public static Frame<int, string> Settings(CamVidBaselineConfig cfg) => Table.FromRows(["setting", "U-Net", "DeepLabV3+"],
        Rows(cfg.UNet).Zip(Rows(cfg.DeepLabV3Plus), (u, d) => (IReadOnlyList<object?>)[u.Name, u.Value, d.Value])
            .Append(["val images with predictions kept", cfg.PredictionImages.ToString(), cfg.PredictionImages.ToString()]));

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

    /// <summary>One row per model: size, cost, time and the val scores, with the run that made them. Val scores are at
    /// full resolution (360×480), 11 classes, Unlabelled excluded; train time is the sum of the epochs (with their val
    /// passes) over every process that trained the run, on this machine's cores.</summary>
    public static Frame<int, string> Summary(CamVidBaselineResult r) => Table.FromRows(
        ["model", "parameters", "GMACs / val image", "train time (min)", "s / epoch", "val mIoU", "pixel acc.", "eval ms / image", "run"],
        r.Models.Select(m => (IReadOnlyList<object?>)[m.Name, m.Train.Parameters, Math.Round(m.Macs / 1e9, 2),
            Math.Round(TrainSeconds(m) / 60, 1), Math.Round(m.Train.Epochs.Average(e => e.Seconds), 1),
            Math.Round(m.Train.Final.MeanIoU, 2), Math.Round(m.Train.Final.PixelAccuracy, 2), Math.Round(1000 * m.EvalSecondsPerImage),
            $"config {m.Train.Manifest.ConfigHash}, seed {m.Train.Manifest.Seed}, commit {Short(m.Train.Manifest.Commit)}" +
            (m.Reused ? ", reused from " + Path.GetFileName(m.RunFolder) : ", trained now")]));

    /// <summary>Seconds of all epochs, evaluation included, summed over the processes of a resumed run (a manifest's wall
    /// time covers only the last process).</summary>
    public static double TrainSeconds(BaselineModelRun m) => m.Train.Epochs.Sum(e => e.Seconds);

    /// <summary>Per class, in the order of train frequency: its share of the labelled train pixels (%) and each model's
    /// val IoU (%), then the mean (mIoU). A class absent from the val split and never predicted has no IoU (an empty cell).</summary>
    public static Frame<int, string> PerClass(CamVidBaselineResult r)
    {
        double labelled = r.TrainPixels[..^1].Sum();
        var order = Enumerable.Range(0, r.ClassNames.Length).OrderByDescending(c => r.TrainPixels[c]);
        return Table.FromRows(new[] { "class", "train share (%)" }.Concat(r.Models.Select(m => $"{m.Name} IoU")).ToArray(),
            order.Select(c => (IReadOnlyList<object?>)new object?[] { r.ClassNames[c], Math.Round(100 * r.TrainPixels[c] / labelled, 2) }
                .Concat(r.Models.Select(m => Iou(m.Train.Final.PerClassIoU[c]))).ToArray())
                .Append(new object?[] { "mean (mIoU)", null }.Concat(r.Models.Select(m => (object?)Math.Round(m.Train.Final.MeanIoU, 2))).ToArray()));
    }

    /// <summary>Parameters and MACs (millions) of each conv layer of <paramref name="model"/> for one val image, with
    /// each layer's share of the MACs (%) and the total; BN, pooling and resizing are not counted; 1 MAC = 2 FLOP.</summary>
    public static Frame<int, string> Layers(CamVidBaselineResult r, string model)
    {
        var run = r.Model(model);
        var total = (double)run.Macs;
        return Table.FromRows(["layer", "parameters", "MMACs", "share of MACs (%)"],
            run.Layers.Select(l => (IReadOnlyList<object?>)[l.Layer, l.Parameters, Math.Round(l.Macs / 1e6, 1), Math.Round(100 * l.Macs / total, 1)])
                .Append([$"total ({run.Layers.Length} convs)", run.Layers.Sum(l => l.Parameters), Math.Round(total / 1e6, 1), 100.0]));
    }

    /// <summary>The issues' targets next to what this run measured; not asserted (a target missed is a finding). A time
    /// measured on a shared machine varies with what else runs.</summary>
    /// <remarks>Issue 17 (the TorchSharp engine): Quick TinyUNet val mIoU ≥ 50, and TinyUNet and DeepLabV3+ together
    /// train in ≤ 20 min on 2 cores. Issue 4: Paper TinyUNet ≥ 50.</remarks>
    public static Frame<int, string> Targets(CamVidBaselineResult r)
    {
        var unet = r.Model("U-Net");
        var rows = new List<IReadOnlyList<object?>>();
        var minutes = r.Models.Sum(TrainSeconds) / 60;
        if (ConfigHash.Of(r.Config) == ConfigHash.Of(CamVidBaselineConfig.Quick))
        {
            // Issue 17 set both for the 40-epoch Quick at 120×160; Quick is 16 epochs at 90×120 since issue 19 (the main
            // job's 30 minutes), so the accuracy target is shown against the schedule it was set for.
            rows.Add(["Quick: TinyUNet val mIoU ≥ 50 (issue 17, set for 40 epochs at 120×160)", $"{unet.Train.Final.MeanIoU:0.00}", unet.Train.Final.MeanIoU >= 50 ? "met" : "not met"]);
            rows.Add(["Quick: TinyUNet and DeepLabV3+ together train in ≤ 20 min on 2 cores", $"{minutes:0.0} min", minutes <= 20 ? "met" : "not met"]);
        }
        else if (ConfigHash.Of(r.Config) == ConfigHash.Of(CamVidBaselineConfig.Paper))
            rows.Add(["Paper: TinyUNet val mIoU ≥ 50", $"{unet.Train.Final.MeanIoU:0.00}", unet.Train.Final.MeanIoU >= 50 ? "met" : "not met"]);
        else
            rows.Add(["(targets are stated for Quick and Paper only)", $"{unet.Train.Final.MeanIoU:0.00} mIoU, {minutes:0.0} min for both", "—"]);
        return Table.FromRows(["target", "measured", "status"], rows);
    }

    private static object? Iou(double v) => double.IsNaN(v) ? null : Math.Round(v, 2);

    private static string Short(string commit) => commit.Length > 10 ? commit[..10] + (commit.EndsWith("+dirty") ? "+dirty" : "") : commit;
}
