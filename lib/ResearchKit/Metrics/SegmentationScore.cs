namespace ResearchKit.Metrics;

/// <summary>A model's scores on a split (all ×100): <see cref="ConfusionMatrix.MeanIoU"/>, per-class IoU (NaN for a
/// class with an empty union) and pixel accuracy, at full label resolution with void excluded.</summary>
public sealed record SegmentationScore(double MeanIoU, double[] PerClassIoU, double PixelAccuracy, int Images)
{
    /// <summary>The scores of a confusion matrix accumulated over <paramref name="images"/> images.</summary>
    public static SegmentationScore Of(ConfusionMatrix cm, int images) => new(cm.MeanIoU(), cm.ClassIoU(), cm.PixelAccuracy(), images);
}
