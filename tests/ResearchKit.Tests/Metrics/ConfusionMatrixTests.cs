using ResearchKit.Data;
using ResearchKit.Metrics;

namespace ResearchKit.Tests.Metrics;

public class ConfusionMatrixTests
{
    private const byte V = 255;

    private static ConfusionMatrix Of(int numClasses, byte[] truth, byte[] prediction)
    {
        var cm = new ConfusionMatrix(numClasses, V);
        cm.Add(new LabelMap(1, truth.Length, truth), new LabelMap(1, prediction.Length, prediction));
        return cm;
    }

    [Fact]
    public void PerfectPrediction_GivesMeanIoUOf100()
    {
        var cm = Of(3, new byte[] { 0, 1, 2, 2, V }, new byte[] { 0, 1, 2, 2, 1 });
        Assert.Equal(100.0, cm.MeanIoU(), 12);
        Assert.Equal(100.0, cm.PixelAccuracy(), 12);
    }

    [Fact]
    public void HandComputedMatrix_GivesPerClassIoUAndMean()
    {
        // truth 0 0 0 1 1 2, prediction 0 0 1 1 2 2:
        // class 0: TP 2, FN 1, FP 0 -> 2/3; class 1: TP 1, FN 1, FP 1 -> 1/3; class 2: TP 1, FN 0, FP 1 -> 1/2.
        var cm = Of(3, new byte[] { 0, 0, 0, 1, 1, 2 }, new byte[] { 0, 0, 1, 1, 2, 2 });
        Assert.Equal(new[] { 200.0 / 3, 100.0 / 3, 50.0 }, cm.ClassIoU(), (a, b) => Math.Abs(a - b) < 1e-12);
        Assert.Equal((200.0 / 3 + 100.0 / 3 + 50.0) / 3, cm.MeanIoU(), 12);
        Assert.Equal(400.0 / 6, cm.PixelAccuracy(), 12);
        Assert.Equal(1, cm[0, 1]);
        Assert.Equal(6, cm.Total);
    }

    [Fact]
    public void IgnoredTruthPixels_AreExcludedWhateverTheirPrediction()
    {
        var cm = Of(2, new byte[] { 0, 1, V, V }, new byte[] { 0, 1, 0, 1 });
        Assert.Equal(new[] { 100.0, 100.0 }, cm.ClassIoU());
        Assert.Equal(2, cm.Total);
    }

    [Fact]
    public void AbsentClasses_AreLeftOutOfTheMean()
    {
        // Class 2 occurs in neither truth nor prediction: its union is empty, so the mean is over classes 0 and 1.
        var cm = Of(3, new byte[] { 0, 0, 1, 1 }, new byte[] { 0, 1, 1, 1 });
        var iou = cm.ClassIoU();
        Assert.True(double.IsNaN(iou[2]));
        Assert.Equal((50.0 + 200.0 / 3) / 2, cm.MeanIoU(), 12);
    }

    [Fact]
    public void PredictedVoid_CountsAsAMissOfTheTruthClassButAsNobodysFalsePositive()
    {
        // Truth 0 0 1 1, prediction 0 V 1 1: class 0 IoU 1/2 (one miss), class 1 IoU 1.
        var cm = Of(2, new byte[] { 0, 0, 1, 1 }, new byte[] { 0, V, 1, 1 });
        Assert.Equal(new[] { 50.0, 100.0 }, cm.ClassIoU());
        Assert.Equal(1, cm.Missed(0));
        Assert.Equal(75.0, cm.PixelAccuracy(), 12);
    }

    [Fact]
    public void Counts_AreSummedOverImagesBeforeAnyRatio()
    {
        // Pooled: class 0 TP 3, FN 1 -> 75; class 1 TP 1, FP 1 -> 50. Averaging per-image IoUs would give class 0 (100 + 0)/2 = 50.
        var cm = new ConfusionMatrix(2, V);
        cm.Add(new LabelMap(1, 4, new byte[] { 0, 0, 0, 1 }), new LabelMap(1, 4, new byte[] { 0, 0, 0, 1 }));
        cm.Add(new LabelMap(1, 1, new byte[] { 0 }), new LabelMap(1, 1, new byte[] { 1 }));
        Assert.Equal(new[] { 75.0, 50.0 }, cm.ClassIoU());
        Assert.Equal(62.5, cm.MeanIoU(), 12);
    }

    [Fact]
    public void MismatchedSizes_ThrowNamingBoth()
    {
        var cm = new ConfusionMatrix(2, V);
        var e = Assert.Throws<ArgumentException>(() => cm.Add(new LabelMap(2, 2, new byte[4]), new LabelMap(1, 4, new byte[4])));
        Assert.Contains("1x4", e.Message);
        Assert.Contains("2x2", e.Message);
    }
}
