using ResearchKit.Autograd;
using ResearchKit.Data;
using ResearchKit.Metrics;
using ResearchKit.Models;
using ResearchKit.Nn;
using ResearchKit.Tensors;

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
        var cm = new ConfusionMatrix(inputs.NumClasses, inputs.IgnoreIndex);
        var kept = new LabelMap[keep.Count];
        foreach (var (i0, full) in FullResolutionLogits(model, inputs, truth[0].Height, truth[0].Width, batchSize))
            for (var k = 0; k < full.Shape[0]; k++)
            {
                var prediction = Argmax(full, k);
                cm.Add(truth[i0 + k], prediction);
                for (var j = 0; j < keep.Count; j++)
                    if (keep[j] == i0 + k) kept[j] = prediction;
            }
        return keep.All(i => i >= 0 && i < inputs.Count) ? (cm, kept)
            : throw new ArgumentOutOfRangeException(nameof(keep), $"{inputs.Name}: prediction index out of 0..{inputs.Count - 1}");
    }

    /// <summary>The model's logits for <paramref name="inputs"/>, batch by batch, up-sampled bilinearly
    /// (align_corners=false) to <paramref name="height"/>×<paramref name="width"/>: (index of the batch's first image,
    /// logits [n,C,height,width]). Eval mode, no gradients; the model's mode is restored when the enumeration ends.</summary>
    public static IEnumerable<(int First, Tensor Logits)> FullResolutionLogits(ISegmentationModel model, SegmentationSet inputs,
        int height, int width, int batchSize = 4) =>
        FullResolutionOutputs(model, x => [model.Forward(x)], inputs, height, width, batchSize).Select(o => (o.First, o.Logits[0]));

    /// <summary>As <see cref="FullResolutionLogits"/> for a forward that gives several logits per input (a multi-exit
    /// network's exits, each [n,C,H',W'] at the padded input size): each cropped and up-sampled to height×width.</summary>
    public static IEnumerable<(int First, Tensor[] Logits)> FullResolutionOutputs(ISegmentationModel model, Func<Tensor, Tensor[]> forward,
        SegmentationSet inputs, int height, int width, int batchSize = 4)
    {
        var module = model as Module;
        var wasTraining = module?.Training ?? false;
        module?.Eval();
        try
        {
            for (var i0 = 0; i0 < inputs.Count; i0 += batchSize)
            {
                var n = Math.Min(batchSize, inputs.Count - i0);
                Tensor[] full;
                using (GradMode.Disable())
                    full = forward(Padded(inputs, i0, n, model.SizeMultiple)) // [n,C,h,w] -> [n,C,H,W]
                        .Select(logits => F.UpsampleBilinear(Crop(logits, inputs.Height, inputs.Width), height, width, alignCorners: false)).ToArray();
                yield return (i0, full);
            }
        }
        finally
        {
            module?.Train(wasTraining);
        }
    }

    /// <summary>The class map argmax over dim 1 of logits [N,C,H,W] for sample <paramref name="n"/> (lowest id on ties).</summary>
    public static LabelMap Argmax(Tensor logits, int n)
    {
        int c = logits.Shape[1], h = logits.Shape[2], w = logits.Shape[3], hw = h * w;
        var data = new byte[hw];
        var plane = logits.Data.AsSpan(n * c * hw, c * hw);
        for (var p = 0; p < hw; p++)
        {
            var best = 0;
            for (var k = 1; k < c; k++)
                if (plane[k * hw + p] > plane[best * hw + p]) best = k;
            data[p] = (byte)best;
        }
        return new LabelMap(h, w, data);
    }

    // images [n,3,H',W'] with H', W' the next multiples of `multiple`, zero beyond the sample.
    private static Tensor Padded(SegmentationSet set, int i0, int n, int multiple)
    {
        int h = set.Height, w = set.Width, ph = (h + multiple - 1) / multiple * multiple, pw = (w + multiple - 1) / multiple * multiple;
        var x = Tensor.Zeros(n, 3, ph, pw);
        for (var k = 0; k < n; k++)
        for (var c = 0; c < 3; c++)
        for (var r = 0; r < h; r++)
            set.Images[i0 + k].AsSpan((c * h + r) * w, w).CopyTo(x.Data.AsSpan(((k * 3 + c) * ph + r) * pw, w));
        return x;
    }

    private static Tensor Crop(Tensor logits, int h, int w)
    {
        int n = logits.Shape[0], c = logits.Shape[1], ph = logits.Shape[2], pw = logits.Shape[3];
        if (ph == h && pw == w) return logits;
        var y = Tensor.Zeros(n, c, h, w);
        for (var p = 0; p < n * c; p++)
        for (var r = 0; r < h; r++)
            logits.Data.AsSpan((p * ph + r) * pw, w).CopyTo(y.Data.AsSpan((p * h + r) * w, w));
        return y;
    }
}
