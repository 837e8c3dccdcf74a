namespace ResearchKit.Training;

/// <summary>One finished epoch: mean training loss, wall seconds (its val pass included) and, on evaluation epochs, val
/// mIoU (×100; NaN otherwise); <paramref name="PeakWorkingSetMiB"/> is the largest working set of the process sampled
/// after each batch (0 in results written before it was recorded).</summary>
public sealed record EpochRecord(int Epoch, double MeanLoss, double Seconds, double ValMeanIoU, double PeakWorkingSetMiB = 0);
