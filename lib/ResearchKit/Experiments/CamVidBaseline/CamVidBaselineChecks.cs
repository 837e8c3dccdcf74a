using ResearchKit.Metrics;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.CamVidBaseline;

/// <summary>NB00's check cell: what must hold for any preset (the targets of Quick and Paper are reported, not asserted).</summary>
public static class CamVidBaselineChecks
{
    /// <summary>Per model: the loss fell, the scores are finite and beat a constant prediction, the confusion matrix
    /// reproduces the trainer's final mIoU, and a prediction was kept for every requested image.</summary>
    public static CheckList Evaluate(CamVidBaselineResult r)
    {
        var checks = new CheckList("NB00 CamVid baseline");
        foreach (var m in r.Models)
        {
            var e = m.Train.Epochs;
            checks.Add($"{m.Name}: the mean training loss fell", $"{e[0].MeanLoss:0.000} → {e[^1].MeanLoss:0.000}",
                "last epoch < first", e[^1].MeanLoss < e[0].MeanLoss);
            var constant = ConstantPredictionMeanIoU(r);
            checks.Add($"{m.Name}: val mIoU beats predicting the most frequent class everywhere", m.Train.Final.MeanIoU.ToString("0.00"),
                $"> {constant:0.00}", m.Train.Final.MeanIoU > constant);
            var fromMatrix = MeanIoU(m.Confusion);
            checks.Near($"{m.Name}: the val confusion matrix gives the trainer's final mIoU", fromMatrix, m.Train.Final.MeanIoU, 1e-9, "0.0000");
            checks.Equal($"{m.Name}: predictions kept", m.Predictions.Length, r.ValNames.Length);
        }
        return checks;
    }

    /// <summary>mIoU of predicting the train's most frequent class on every val pixel (void, the last entry, left out).</summary>
    private static double ConstantPredictionMeanIoU(CamVidBaselineResult r) =>
        ConstantPrediction.MeanIoU(r.TrainPixels[..^1], r.ValPixels[..^1]);

    /// <summary>The mmseg mIoU of confusion counts [truth][prediction]: classes with an empty union are left out.</summary>
    internal static double MeanIoU(long[][] cm)
    {
        var ious = new List<double>();
        for (var c = 0; c < cm.Length; c++)
        {
            long tp = cm[c][c], row = cm[c].Sum(), col = cm.Sum(r => r[c]);
            var union = row + col - tp;
            if (union > 0) ious.Add(100.0 * tp / union);
        }
        return ious.Average();
    }
}
