using ResearchKit.Data;

namespace ResearchKit.Metrics;

/// <summary>A dataset-wide confusion matrix and the one implementation of the kit's IoU, <see cref="MeanIoU"/> and pixel accuracy.</summary>
/// <remarks>mmsegmentation semantics: counts are summed over every image before any ratio; pixels whose truth is
/// <c>ignoreIndex</c> are excluded; a prediction outside 0..C−1 (e.g. predicted void) is a miss of the truth class
/// that is nobody's false positive. All ratios are reported ×100.</remarks>
public sealed class ConfusionMatrix
{
    private readonly long[] _counts;   // [truth, prediction]
    private readonly long[] _missed;   // [truth]: predictions outside 0..C−1

    /// <summary>An empty matrix for <paramref name="numClasses"/> classes; truth pixels equal to <paramref name="ignoreIndex"/> are skipped.</summary>
    public ConfusionMatrix(int numClasses, int ignoreIndex)
    {
        if (numClasses < 1 || numClasses > 256) throw new ArgumentException($"numClasses must be in 1..256, got {numClasses}.");
        NumClasses = numClasses;
        IgnoreIndex = ignoreIndex;
        _counts = new long[numClasses * numClasses];
        _missed = new long[numClasses];
    }

    /// <summary>Number of classes C.</summary>
    public int NumClasses { get; }

    /// <summary>The void id of the truth labels.</summary>
    public int IgnoreIndex { get; }

    /// <summary>Pixels with truth <paramref name="truth"/> predicted as class <paramref name="prediction"/>.</summary>
    public long this[int truth, int prediction] => _counts[truth * NumClasses + prediction];

    /// <summary>Pixels with truth <paramref name="truth"/> whose prediction was not a class id.</summary>
    public long Missed(int truth) => _missed[truth];

    /// <summary>All counted (non-void truth) pixels.</summary>
    public long Total => _counts.Sum() + _missed.Sum();

    /// <summary>Counts every pixel of one truth/prediction pair of equal size.</summary>
    public void Add(LabelMap truth, LabelMap prediction)
    {
        ArgumentNullException.ThrowIfNull(truth);
        ArgumentNullException.ThrowIfNull(prediction);
        if (truth.Height != prediction.Height || truth.Width != prediction.Width)
            throw new ArgumentException(
                $"Prediction is {prediction.Height}x{prediction.Width} but the truth label is {truth.Height}x{truth.Width}.");
        var t = truth.Data;
        var p = prediction.Data;
        for (var i = 0; i < t.Length; i++)
        {
            int gt = t[i], pr = p[i];
            if (gt == IgnoreIndex) continue;
            if (gt >= NumClasses)
                throw new ArgumentException(
                    $"Truth id {gt} at row {i / truth.Width}, column {i % truth.Width} is neither a class 0..{NumClasses - 1} nor ignoreIndex {IgnoreIndex}.");
            if (pr < NumClasses) _counts[gt * NumClasses + pr]++;
            else _missed[gt]++;
        }
    }

    /// <summary>Per-class IoU ×100: TP / (TP + FP + FN); NaN for a class with an empty union (absent from truth and prediction).</summary>
    public double[] ClassIoU()
    {
        var iou = new double[NumClasses];
        for (var c = 0; c < NumClasses; c++)
        {
            long truthTotal = _missed[c], predicted = 0;
            for (var k = 0; k < NumClasses; k++)
            {
                truthTotal += this[c, k];
                predicted += this[k, c];
            }
            var intersection = this[c, c];
            var union = truthTotal + predicted - intersection;
            iou[c] = union == 0 ? double.NaN : 100.0 * intersection / union;
        }
        return iou;
    }

    /// <summary>mIoU ×100: the mean of <see cref="ClassIoU"/> over classes with a non-empty union; NaN if there is none.</summary>
    public double MeanIoU()
    {
        var present = ClassIoU().Where(v => !double.IsNaN(v)).ToArray();
        return present.Length == 0 ? double.NaN : present.Average();
    }

    /// <summary>Pixel accuracy ×100: correctly predicted non-void pixels over all non-void pixels; NaN if none were counted.</summary>
    public double PixelAccuracy()
    {
        long correct = 0;
        for (var c = 0; c < NumClasses; c++) correct += this[c, c];
        var total = Total;
        return total == 0 ? double.NaN : 100.0 * correct / total;
    }
}
