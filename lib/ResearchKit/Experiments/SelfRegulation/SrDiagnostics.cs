using ResearchKit.Data;
using ResearchKit.Experiments.LabelSpectra;
using ResearchKit.Metrics;
using ResearchKit.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;
using ResearchKit.Training;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>What NB09 measures of one trained network: every exit's val confusion, the main exit's interior confusion and
/// per-image failure scores, and the cost of a training and a test-time forward.</summary>
public static class SrDiagnostics
{

    /// <summary>Scores <paramref name="model"/> (a <see cref="MultiExit"/> or a plain network) on <paramref name="val"/>
    /// against <paramref name="truth"/> at full resolution.</summary>
    public static (double[] ExitMeanIoU, double InteriorRate, double[] ImageThinMiss, double[] ImageInterior) Score(nn.Module<Tensor, Tensor> model,
        SegmentationSet val, IReadOnlyList<LabelMap> truth)
    {
        var segmentation = (ISegmentationModel)model;
        Func<Tensor, Tensor[]> forward = model is MultiExit me ? x => me.ForwardExits(x).Logits : x => [segmentation.forward(x)];
        ConfusionMatrix[]? exits = null;
        var interior = new InteriorConfusion(CamVid.NumClasses, CamVid.IgnoreIndex);
        var thinMiss = new double[val.Count];
        var imageInterior = new double[val.Count];
        foreach (var (i0, logits) in Evaluation.FullResolutionOutputs(segmentation, forward, val, truth[0].Height, truth[0].Width))
        {
            exits ??= logits.Select(_ => new ConfusionMatrix(CamVid.NumClasses, CamVid.IgnoreIndex)).ToArray();
            for (var k = 0; k < logits[0].shape[0]; k++)
            {
                var t = truth[i0 + k];
                for (var e = 0; e < logits.Length; e++)
                {
                    var prediction = Evaluation.Argmax(logits[e], k);
                    exits[e].Add(t, prediction);
                    if (e < logits.Length - 1) continue;
                    var (inside, confused) = interior.Add(t, prediction);
                    imageInterior[i0 + k] = inside == 0 ? double.NaN : (double)confused / inside;
                    thinMiss[i0 + k] = ThinMiss(t, prediction);
                }
            }
        }
        return (exits!.Select(cm => cm.MeanIoU()).ToArray(), interior.Rate, thinMiss, imageInterior);
    }

    /// <summary>MACs per image of one training forward (every exit, presence layer and projection of a
    /// <see cref="MultiExit"/>) and of the test-time forward, and the parameters the test-time forward uses, at
    /// <paramref name="height"/>×<paramref name="width"/>.</summary>
    /// <remarks>All three are counted by forward hooks on the whole loaded model while its forward runs (the test-time
    /// one is the <c>forward</c> evaluation calls), so an exit layer counts as soon as inference really calls it; nothing
    /// here assumes which sub-module inference uses.</remarks>
    public static (long Train, long Test, long TestParameters) Cost(nn.Module<Tensor, Tensor> model, int height, int width)
    {
        Action<nn.Module<Tensor, Tensor>> infer = m => m.call(zeros(1, 3, height, width));
        var test = LayerCost.Measure(model, infer).Sum(l => l.Macs);
        var parameters = LayerCost.ParametersRun(model, infer);
        if (model is not MultiExit wrapped) return (test, test, parameters);
        var train = LayerCost.Measure(wrapped, m => ((MultiExit)m).ForwardExits(zeros(1, 3, height, width))).Sum(l => l.Macs);
        return (train, test, parameters);
    }

    private static double ThinMiss(LabelMap truth, LabelMap prediction)
    {
        long thin = 0, missed = 0;
        for (var p = 0; p < truth.Data.Length; p++)
        {
            if (!CamVid.ThinClassIds.Contains(truth.Data[p])) continue;
            thin++;
            if (prediction.Data[p] != truth.Data[p]) missed++;
        }
        return thin == 0 ? double.NaN : (double)missed / thin;
    }
}
