using Deedle;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Tables;
using ResearchKit.Training;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>NB04's tables, checks and verdict.</summary>
public static class FeatureTruncationTables
{
    /// <summary>"TinyUNet" or "DeepLabV3+": the network a config truncates.</summary>
    public static string Network(FeatureTruncationConfig cfg) => cfg.Base.Model == ModelKind.DeepLabV3Plus ? "DeepLabV3+" : "TinyUNet";

    /// <summary>What NB04 trains: the settings of its <see cref="FeatureTruncationConfig"/>.</summary>
    public static Frame<int, string> Settings(FeatureTruncationConfig cfg) => Table.Settings(
    [
        ("network", cfg.Base.Model == ModelKind.DeepLabV3Plus
            ? $"DeepLabV3+ widths {string.Join("-", cfg.Base.Widths)}, ASPP {cfg.Base.Bottleneck}, decoder at stride 4·t (NB03's base resolution)"
            : $"TinyUNet widths {string.Join("-", cfg.Base.Widths)}, bottleneck {cfg.Base.Bottleneck} (NB03's base config)"),
        ("training resolution", $"{360 / cfg.Base.Factor}×{480 / cfg.Base.Factor}, crops {cfg.Base.CropHeight}×{cfg.Base.CropWidth}, {cfg.Base.Epochs} epochs"),
        ("decoder strides t", string.Join(", ", cfg.Strides)),
        ("operators", string.Join(", ", cfg.Operators)),
        ("seeds", string.Join(", ", cfg.Seeds)),
        ("test-only arm", cfg.TestOnly ? "yes: the t = 1 weights in each truncated network, not retrained" : "no"),
    ]);

    /// <summary>One row per arm: mIoU ± sample std over seeds, thin-class mIoU, decoder and total MACs of one val image at
    /// the training resolution (and the decoder's fall against t = 1), and the time of the val pass per image on 2
    /// threads (forward, operator, up-sampling, argmax). "trained" is no for the t = 1 weights truncated at test only.</summary>
    public static Frame<int, string> Arms(FeatureTruncationResult r)
    {
        var arms = TruncationArm.Of(r);
        var plain = arms.First(a => a.Stride == 1 && !a.TestOnly);
        return Table.FromRows(["t", "operator", "trained", "val mIoU", "thin-class mIoU", "decoder + head MMACs", "fall vs t = 1 (×)", "total MMACs", "ms / val image"],
            arms.Select(a => (IReadOnlyList<object?>)[a.Stride, a.Operator.ToString(), !a.TestOnly, $"{a.MeanIoU:0.00} ± {a.StdIoU:0.00}",
                Math.Round(a.ThinMeanIoU, 2), Math.Round(a.DecoderMacs / 1e6, 1), Math.Round((double)plain.DecoderMacs / a.DecoderMacs, 1),
                Math.Round(a.TotalMacs / 1e6, 1), Math.Round(a.MillisecondsPerImage, 1)]));
    }

    /// <summary>NB04's verdict by the verdict rule (<see cref="TruncationVerdict.Of"/>): per operator, no loss at t = 2 and 4
    /// (paired by seed) and decoder MACs falling ≈ t²-fold; for some operator. Strides t whose native grid
    /// s = Factor·PlainDecoderStride·t lies beyond NB01's s*(0.95) are untested.</summary>
    public static Claims.Verdict Verdict(FeatureTruncationResult r, LabelSpectraResult spectra) =>
        TruncationVerdict.Of(r.Runs, r.Config.Operators, r.Config.Base.Factor, spectra.Cutoff(0.95).GridFactor, r.Config.PlainDecoderStride);

    /// <summary>What must hold on any preset: finite scores, decoder MACs falling with t, the same total layers.</summary>
    public static Repro.CheckList Checks(FeatureTruncationResult r)
    {
        var checks = new Repro.CheckList("NB04 feature truncation");
        var arms = TruncationArm.Of(r);
        checks.Add("every arm has a finite val mIoU", string.Join(", ", arms.Select(a => a.MeanIoU.ToString("0.0"))), "finite", arms.All(a => double.IsFinite(a.MeanIoU)));
        foreach (var op in r.Config.Operators)
        {
            var curve = arms.Where(a => !a.TestOnly && a.Operator == op).OrderBy(a => a.Stride).ToArray();
            checks.Add($"{op}: decoder MACs fall as t grows", string.Join(" > ", curve.Select(a => (a.DecoderMacs / 1e6).ToString("0.0"))), "strictly decreasing",
                curve.Zip(curve.Skip(1)).All(p => p.Second.DecoderMacs < p.First.DecoderMacs));
        }
        var trained = arms.Where(a => !a.TestOnly).ToArray();
        checks.Add("test-only arms cost what the trained ones of the same t cost", "decoder MACs equal", "equal",
            arms.Where(a => a.TestOnly).All(a => trained.Any(x => x.Stride == a.Stride && x.Operator == a.Operator && x.DecoderMacs == a.DecoderMacs)));
        return checks;
    }
}
