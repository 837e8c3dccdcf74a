namespace ResearchKit.Metrics;

/// <summary>The floor any trained model must beat: predicting the train split's most frequent class on every pixel.</summary>
public static class ConstantPrediction
{
    /// <summary>mIoU (×100) of predicting the class with the most <paramref name="trainPixels"/> on every val pixel: its
    /// IoU is its share of the labelled <paramref name="valPixels"/>, every other class present in val scores 0 (classes
    /// absent from val are left out, as <see cref="ConfusionMatrix.MeanIoU"/> does). Void is not counted in either array.</summary>
    public static double MeanIoU(IReadOnlyList<long> trainPixels, IReadOnlyList<long> valPixels)
    {
        var top = 0;
        for (var c = 1; c < trainPixels.Count; c++)
            if (trainPixels[c] > trainPixels[top]) top = c;
        double labelled = valPixels.Sum();
        var present = valPixels.Count(p => p > 0);
        return present == 0 ? 0 : 100 * valPixels[top] / labelled / present;
    }
}
