using ResearchKit.Data;
using ResearchKit.Labels;
using ResearchKit.Metrics;
using ResearchKit.Repro;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>NB01: label spectra of CamVid train, E(K) and cut-offs, per-class concentration, block errors and the
/// block-constant oracle on val (spectral-analysis spec, sections 2.3-2.8 and 4/NB01).</summary>
public static class LabelSpectra
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "LabelSpectra";

    /// <summary>Runs NB01 on CamVid at <see cref="DataPaths.CamVid"/>, or returns the cached result of the same config and commit.</summary>
    public static LabelSpectraResult Run(LabelSpectraConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, CamVid.Open(DataPaths.CamVid)));

    /// <summary>Runs NB01 on <paramref name="data"/> without the cache.</summary>
    public static LabelSpectraResult Run(LabelSpectraConfig cfg, CamVid data)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var log = new StepLog(Name);
        var train = log.Time("load train labels", () => LoadLabels(data.Split("train"), cfg.TrainImageLimit));
        var val = log.Time("load val labels", () => LoadLabels(data.Split("val"), cfg.ValImageLimit));
        var (h, w) = (train[0].Height, train[0].Width);
        var main = log.Time($"spectra of {train.Length} train labels", () => Spectrum(train, cfg.VoidHandling));
        var separate = log.Time("spectra with void as a channel", () => Spectrum(train, VoidHandling.SeparateChannel));
        var blocks = log.Time("block spectral errors", () => cfg.BlockSizes.Select(b => BlockErrors(train, b)).ToArray());
        var oracle = log.Time("block-constant oracle on val", () => cfg.GridFactors.Select(s => Oracle(val, s)).ToArray());
        return new LabelSpectraResult(cfg, manifest.Stop(), h, w, CamVid.NumClasses, CamVid.ClassNames.ToArray(),
            train.Length, val.Length, main.PooledDenominator, main.EnergyRatioCurve(),
            cfg.GridFactors.Select(s => GridRow(main, separate, s)).ToArray(),
            cfg.Taus.Select(t => new CutoffRow(t, main.CutoffIndex(t), main.GridFactorForThreshold(t))).ToArray(),
            ClassRows(main, cfg.ClassFactors),
            main.RadialProfile(),
            Enumerable.Range(0, CamVid.NumClasses).Select(main.ClassRadialProfile).ToArray(),
            blocks, oracle);
    }

    private static LabelMap[] LoadLabels(CamVidSplit split, int? limit)
    {
        var n = Math.Min(limit ?? split.Count, split.Count);
        var labels = new LabelMap[n];
        Parallel.For(0, n, i => labels[i] = split.LoadLabel(i));
        return labels;
    }

    private static LabelSpectrum Spectrum(LabelMap[] labels, VoidHandling voidHandling)
    {
        var spectrum = new LabelSpectrum(labels[0].Height, labels[0].Width, CamVid.NumClasses, CamVid.IgnoreIndex, voidHandling);
        spectrum.AddRange(labels);
        return spectrum;
    }

    private static GridEnergyRow GridRow(LabelSpectrum main, LabelSpectrum separate, int s) =>
        new(s, main.Height / s, main.Width / s, BandShare(main.Height, main.Width, s),
            main.EnergyRatioForGrid(s), separate.EnergyRatioForGrid(s));

    /// <summary>Share of the H×W DFT plane inside B(s) = {|ũ| ≤ H/(2s), |ṽ| ≤ W/(2s)} (spec 2.3).</summary>
    internal static double BandShare(int h, int w, int s) => Inside(h, h / (2.0 * s)) * Inside(w, w / (2.0 * s)) / ((double)h * w);

    private static int Inside(int n, double bound) => Enumerable.Range(0, n).Count(u => Math.Min(u, n - u) <= bound);

    private static ClassConcentrationRow[] ClassRows(LabelSpectrum main, int[] factors)
    {
        long valid = Enumerable.Range(0, CamVid.NumClasses).Sum(c => main.PixelCount(c));
        return Enumerable.Range(0, CamVid.NumClasses).Select(c => new ClassConcentrationRow(c, CamVid.ClassNames[c],
            main.PixelCount(c), (double)main.PixelCount(c) / valid, factors,
            factors.Select(s => main.ClassEnergyRatioForGrid(c, s)).ToArray())).ToArray();
    }

    private static BlockErrorRow BlockErrors(LabelMap[] train, int b)
    {
        var error = new BlockSpectralError(train[0].Height, train[0].Width, CamVid.NumClasses, CamVid.IgnoreIndex, b);
        error.AddRange(train);
        return new BlockErrorRow(b, train[0].Height / b * (train[0].Width / b), error.ErrorCurve());
    }

    private static OracleRow Oracle(LabelMap[] val, int s) => new(s,
        OracleMeanIoU(val, s, LabelDownsampling.Majority),
        OracleMeanIoU(val, s, LabelDownsampling.NearestCentre),
        OracleMeanIoU(val, s, LabelDownsampling.NearestTopLeft));

    /// <summary>mIoU of down-sampling each label by <paramref name="s"/> with <paramref name="rule"/> and replicating it back.</summary>
    private static double OracleMeanIoU(LabelMap[] val, int s, LabelDownsampling rule)
    {
        var cm = new ConfusionMatrix(CamVid.NumClasses, CamVid.IgnoreIndex);
        foreach (var label in val)
        {
            var coarse = LabelDownsampler.Downsample(label, s, rule, CamVid.NumClasses, CamVid.IgnoreIndex);
            cm.Add(label, LabelDownsampler.Replicate(coarse, s)); // [H/s,W/s] -> [H,W]
        }
        return cm.MeanIoU();
    }
}
