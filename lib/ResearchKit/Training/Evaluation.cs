using ResearchKit.Data;
using ResearchKit.Engine;
using ResearchKit.Metrics;
using ResearchKit.Models;
using static TorchSharp.torch;
using F = TorchSharp.torch.nn.functional;

namespace ResearchKit.Training;

/// <summary>Scores a model on a split the way mmsegmentation does: logits up-sampled (bilinear, align_corners=false) to
/// the full label resolution, argmax, one confusion matrix over the split, void excluded.</summary>
public static class Evaluation
{
    /// <summary>The scores of <paramref name="model"/> on <paramref name="inputs"/> (images at the training factor) against
    /// <paramref name="truth"/> (labels at full resolution, in the same order).</summary>
    /// <remarks>Inputs whose size is not a multiple of the model's are zero-padded at the bottom and right (zero is the
    /// normalised mean colour) and the logits cropped back before up-sampling.</remarks>
    public static SegmentationScore Run(ISegmentationModel model, SegmentationSet inputs, IReadOnlyList<LabelMap> truth, int batchSize = 4) =>
        SegmentationScore.Of(Confusion(model, inputs, truth, batchSize).Matrix, inputs.Count);

    /// <summary>As <see cref="Run"/>, returning the confusion matrix itself and the full-resolution predictions of the
    /// images at <paramref name="keep"/> (indices into <paramref name="inputs"/>, in that order; for a prediction grid).</summary>
    public static (ConfusionMatrix Matrix, LabelMap[] Predictions) Confusion(ISegmentationModel model, SegmentationSet inputs,
        IReadOnlyList<LabelMap> truth, int batchSize = 4, IReadOnlyList<int>? keep = null)
    {
        if (truth.Count != inputs.Count) throw new ArgumentException($"{inputs.Name}: {inputs.Count} images but {truth.Count} label maps");
        keep ??= [];
        if (!keep.All(i => i >= 0 && i < inputs.Count))
            throw new ArgumentOutOfRangeException(nameof(keep), $"{inputs.Name}: prediction index out of 0..{inputs.Count - 1}");
        var cm = new ConfusionMatrix(inputs.NumClasses, inputs.IgnoreIndex);
        var kept = new LabelMap[keep.Count];
        foreach (var (i0, full) in FullResolutionLogits(model, inputs, truth[0].Height, truth[0].Width, batchSize))
            for (var k = 0; k < full.shape[0]; k++)
            {
                var prediction = Argmax(full, k);
                cm.Add(truth[i0 + k], prediction);
                for (var j = 0; j < keep.Count; j++)
                    if (keep[j] == i0 + k) kept[j] = prediction;
            }
        return (cm, kept);
    }

    /// <summary>The model's logits for <paramref name="inputs"/>, batch by batch, up-sampled bilinearly
    /// (align_corners=false) to <paramref name="height"/>×<paramref name="width"/>: (index of the batch's first image,
    /// logits [n,C,height,width] on the CPU). Eval mode, no gradients; each batch's tensors are freed when the enumeration
    /// moves on, and the model's mode is restored when it ends.</summary>
    public static IEnumerable<(int First, Tensor Logits)> FullResolutionLogits(ISegmentationModel model, SegmentationSet inputs,
        int height, int width, int batchSize = 4) =>
        FullResolutionOutputs(model, x => [model.forward(x)], inputs, height, width, batchSize).Select(o => (o.First, o.Logits[0]));

    /// <summary>As <see cref="FullResolutionLogits"/> for a forward that gives several logits per input (a multi-exit
    /// network's exits, each [n,C,H',W'] at the padded input size): each cropped and up-sampled to height×width.</summary>
    public static IEnumerable<(int First, Tensor[] Logits)> FullResolutionOutputs(ISegmentationModel model, Func<Tensor, Tensor[]> forward,
        SegmentationSet inputs, int height, int width, int batchSize = 4)
    {
        var module = (nn.Module)model;
        var wasTraining = module.training;
        var device = module.parameters().FirstOrDefault()?.device ?? CPU;
        module.eval();
        try
        {
            for (var i0 = 0; i0 < inputs.Count; i0 += batchSize)
            {
                var n = Math.Min(batchSize, inputs.Count - i0);
                using var scope = NewDisposeScope();
                Tensor[] full;
                using (no_grad())
                    full = forward(Padded(inputs, i0, n, model.SizeMultiple).to(device)) // [n,C,h,w] -> [n,C,H,W]
                        .Select(logits => Ops.UpsampleBilinear(Ops.CropTopLeft(logits, inputs.Height, inputs.Width), height, width).cpu())
                        .ToArray();
                yield return (i0, full);
            }
        }
        finally
        {
            module.train(wasTraining);
        }
    }

    /// <summary>The class map argmax over dim 1 of logits [N,C,H,W] for sample <paramref name="n"/> (lowest id on ties).</summary>
    public static LabelMap Argmax(Tensor logits, int n)
    {
        using var ids = logits[n].argmax(0).to_type(ScalarType.Byte).cpu(); // [C,H,W] -> [H,W]
        return new LabelMap((int)logits.shape[2], (int)logits.shape[3], ids.data<byte>().ToArray());
    }

    // images [n,3,H',W'] with H', W' the next multiples of `multiple`, zero beyond the sample.
    private static Tensor Padded(SegmentationSet set, int i0, int n, int multiple)
    {
        int h = set.Height, w = set.Width;
        var x = stack(Enumerable.Range(i0, n).Select(i => tensor(set.Images[i], [3, h, w])).ToArray()); // [n,3,h,w]
        int ph = (h + multiple - 1) / multiple * multiple, pw = (w + multiple - 1) / multiple * multiple;
        return ph == h && pw == w ? x : F.pad(x, [0, pw - w, 0, ph - h]);
    }
}
