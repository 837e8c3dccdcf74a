using ResearchKit.Data;
using ResearchKit.Models;
using ResearchKit.Repro;
using ResearchKit.Spectral;
using ResearchKit.Training;

namespace ResearchKit.Experiments.CeSpectral;

/// <summary>NB02: the void-masked CE of trained models as a spectral sum (spectral spec 2.5 and 4/NB02): the Parseval
/// check on every val image, and the pooled ratio ρ = CE_K/CE with its Cauchy–Schwarz bound against K, at
/// initialisation, mid-training and the end.</summary>
public static class CeSpectral
{
    /// <summary>The experiment's name in manifests and the result cache.</summary>
    public const string Name = "CeSpectral";

    /// <summary>Runs NB02 on CamVid at <see cref="DataPaths.CamVid"/> (training NB00's runs if they are not there yet),
    /// or returns the cached result of the same config and commit.</summary>
    public static CeSpectralResult Run(CeSpectralConfig cfg) =>
        ResultCache.GetOrRun(Name, cfg, c => Run(c, DataPaths.CamVid, TrainingRuns.Folder, Console.Out));

    /// <summary>Runs NB02 on <paramref name="dataRoot"/> with the runs under <paramref name="runsFolder"/>; no result cache.</summary>
    public static CeSpectralResult Run(CeSpectralConfig cfg, string dataRoot, string runsFolder, TextWriter log)
    {
        var manifest = RunManifest.Start(Name, cfg, cfg.Seed);
        var steps = new StepLog(Name);
        var val = CamVid.Open(dataRoot).Split("val");
        var count = Math.Min(cfg.ValImageLimit ?? val.Count, val.Count);
        var truth = ParallelLoad.All(count, val.LoadLabel);
        var models = cfg.Models.Select(train =>
        {
            var (result, folder, _) = TrainingRuns.GetOrTrain(train, dataRoot, runsFolder, log);
            var inputs = SegmentationSet.Load(val, train.Factor, train.ImageResize, train.LabelRule, count);
            var epochs = new[] { 0, Math.Max(1, train.Epochs / 2), train.Epochs }.Distinct().ToArray();
            var checkpoints = epochs.Select(e => steps.Time($"{train.Model} at {(e == 0 ? "initialisation" : $"epoch {e}")}",
                () => Decompose(e == 0 ? Trainer.Build(train) : TrainedModel.Load(TrainingRuns.EpochCheckpoint(folder, e)).Model,
                    e, inputs, truth, cfg.GridFactors))).ToArray();
            return new CeModel(Display(train.Model), train, result.Manifest, result.Final.MeanIoU, checkpoints);
        }).ToArray();
        return new CeSpectralResult(cfg, manifest.Stop(), truth[0].Height, truth[0].Width, count, models);
    }

    /// <summary>"TinyUNet" (the reference U-Net), "DeepLabV3+", "DAN".</summary>
    public static string Display(ModelKind kind) => kind switch
    {
        ModelKind.UNet => "TinyUNet",
        ModelKind.DeepLabV3Plus => "DeepLabV3+",
        _ => kind.ToString(),
    };

    /// <summary>How many val images the band-limited CE is also computed for in pixel space (an inverse DFT per class
    /// and K: too slow for all 101 images at every checkpoint, and a wrong band shows on any image).</summary>
    public const int LowPassImages = 2;

    /// <summary>Pools the spectral decomposition of <paramref name="model"/>'s full-resolution logits over the images; on
    /// the first <see cref="LowPassImages"/> images it also compares CE_K from the spectrum with the CE of the label map
    /// low-passed in pixel space, at the K of <paramref name="gridFactors"/>.</summary>
    internal static CeCheckpoint Decompose(TorchSharp.torch.nn.Module<TorchSharp.torch.Tensor, TorchSharp.torch.Tensor> model, int epoch,
        SegmentationSet inputs, IReadOnlyList<LabelMap> truth, IReadOnlyList<int> gridFactors)
    {
        int h = truth[0].Height, maxK = h / 2;
        var ceK = new double[maxK + 1];
        var bound = new double[maxK + 1];
        var energy = new double[maxK + 1];
        double ce = 0, validTotal = 0, energyDenominator = 0, maxError = 0, maxLowPassError = 0;
        foreach (var (first, logits) in Evaluation.FullResolutionLogits((ISegmentationModel)model, inputs, h, truth[0].Width))
        {
            var plane = (int)(logits.shape[1] * logits.shape[2] * logits.shape[3]);
            var data = Engine.Ops.ToFloats(logits);
            for (var k = 0; k < logits.shape[0]; k++)
            {
                var z = new double[plane];
                for (var i = 0; i < plane; i++) z[i] = data[k * plane + i];
                var s = new SpectralCrossEntropy(truth[first + k], z, CamVid.NumClasses, CamVid.IgnoreIndex);
                double nv = s.ValidPixels, spatial = s.Spatial, spectral = s.Spectral;
                maxError = Math.Max(maxError, Math.Abs(spatial - spectral) / spatial);
                if (first + k < LowPassImages)
                    foreach (var g in gridFactors.Where(g => h / (2 * g) >= 1))
                        maxLowPassError = Math.Max(maxLowPassError, Math.Abs(s.Truncated(h / (2 * g)) - s.PixelSpaceTruncated(h / (2 * g))) / spatial);
                ce += nv * spectral;
                validTotal += nv;
                energyDenominator += nv; // E's denominator N·N_v, up to the common factor N
                for (var kk = 0; kk <= maxK; kk++)
                {
                    ceK[kk] += nv * s.Truncated(kk);
                    bound[kk] += nv * s.CauchySchwarzBound(kk);
                    energy[kk] += nv * s.EnergyRatioAt(kk);
                }
            }
        }
        return new CeCheckpoint(epoch, ce / validTotal, maxError, maxLowPassError, ceK.Select(v => v / ce).ToArray(), bound.Select(v => v / ce).ToArray(),
            energy.Select(v => v / energyDenominator).ToArray());
    }
}
