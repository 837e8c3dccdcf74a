using ResearchKit.Data;
using ResearchKit.Experiments.CamVidBaseline;
using ResearchKit.Metrics;
using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Training;

namespace ResearchKit.Tests.Experiments.CamVidBaseline;

/// <summary>A small hand-made NB00 result (no training) for the figure and table tests: two models over CamVid's 11
/// classes, four epochs with val mIoU at epochs 2 and 4, one kept val prediction per model.</summary>
internal static class CamVidBaselineSample
{
    /// <summary>Train pixels per class (last: Unlabelled), 1000 labelled and 250 void: Road (id 3) the most frequent at
    /// 30 %, then Sky 20 %, then the rest in id order.</summary>
    public static readonly long[] TrainPixels = [200, 100, 100, 300, 100, 50, 50, 40, 30, 20, 10, 250];

    /// <summary>Val pixels per class (last: Unlabelled), 500 labelled.</summary>
    public static readonly long[] ValPixels = [100, 100, 100, 50, 50, 25, 25, 20, 15, 10, 5, 40];

    public static RunManifest Manifest(string hash = "cfghash", string commit = "0123456789abcdef") =>
        new("CamVidBaseline", hash, 0, commit, "test", DateTime.UnixEpoch, 12.5, 2, "test machine");

    /// <summary>The sample result for <paramref name="cfg"/> (default Smoke); the kept val image is the split's first.</summary>
    public static CamVidBaselineResult Result(CamVidBaselineConfig? cfg = null)
    {
        cfg ??= CamVidBaselineConfig.Smoke;
        var valName = CamVid.Open(DataPaths.CamVid).Split("val").Names[0];
        return new CamVidBaselineResult(cfg, Manifest(), CamVid.ClassNames.ToArray(), 16, 8, TrainPixels, ValPixels, [valName],
        [
            Model("U-Net", cfg.UNet, 51.234, iouOfLast: double.NaN, parameters: 1_964_267, reused: false),
            Model("DeepLabV3+", cfg.DeepLabV3Plus, 49.876, iouOfLast: 12.3456, parameters: 4_192_907, reused: true),
        ]);
    }

    private static BaselineModelRun Model(string name, TrainConfig cfg, double meanIoU, double iouOfLast, long parameters, bool reused)
    {
        // Per-class IoU 90, 80, ..., the last class given; epochs of 60 s, val at 2 and 4 only.
        var perClass = Enumerable.Range(0, 11).Select(c => c == 10 ? iouOfLast : 90.0 - 10 * c).ToArray();
        EpochRecord[] epochs = [new(1, 2.0, 60, double.NaN), new(2, 1.5, 60, 30.0), new(3, 1.2, 60, double.NaN), new(4, 1.0, 60, meanIoU)];
        var train = new TrainResult(cfg, Manifest(hash: name == "U-Net" ? "unethash" : "deeplabhash", commit: "0123456789abcdef+dirty"),
            epochs, new SegmentationScore(meanIoU, perClass, 88.764, 8), CamVid.ClassNames.ToArray(), parameters, "final.ckpt");
        // Truth t is predicted as t 3 times in 4 and as class 0 once in 4 (class 0: always right); a zero row for class 10.
        var confusion = Enumerable.Range(0, 11).Select(t => Enumerable.Range(0, 11)
            .Select(p => t == 10 ? 0L : t == 0 ? (p == 0 ? 400L : 0L) : p == t ? 300L : p == 0 ? 100L : 0L).ToArray()).ToArray();
        LayerCost[] layers = [new("enc.conv", 1_000, 750_000_000), new("dec.conv", 2_000, 250_000_000)];
        var prediction = new LabelMap(360, 480, new byte[360 * 480]);
        return new BaselineModelRun(name, train, "/runs/" + name + "-run", reused, confusion, layers, 0.0123, [prediction]);
    }
}
