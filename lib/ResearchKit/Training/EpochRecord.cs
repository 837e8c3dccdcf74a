namespace ResearchKit.Training;

/// <summary>One finished epoch: mean training loss, wall seconds and, on evaluation epochs, val mIoU (×100; NaN otherwise).</summary>
public sealed record EpochRecord(int Epoch, double MeanLoss, double Seconds, double ValMeanIoU);
