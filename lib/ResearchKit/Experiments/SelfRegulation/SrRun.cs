namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>One trained arm and seed, scored on val at 360×480 through its main exit (and, with exits, each exit).</summary>
/// <param name="ExitMeanIoU">mIoU of exits 1..N (the last is the main exit); one entry for the single-exit Baseline.</param>
/// <param name="ThinMeanIoU">Mean IoU of Pole, SignSymbol, Fence, Pedestrian and Bicyclist (the spec's thin classes).</param>
/// <param name="InteriorConfusion">The Failure-2 rate of the main exit, pooled over val.</param>
/// <param name="ImageThinMiss">Per val image: the share of thin-class pixels the main exit gets wrong (NaN without any).</param>
/// <param name="ImageInteriorConfusion">Per val image: its interior-confusion rate (NaN without a large component).</param>
/// <param name="SecondsPerEpoch">Mean wall seconds per training epoch.</param>
/// <param name="TrainMacsPerImage">MACs of one training forward per image with every exit (the main path for the Baseline).</param>
/// <param name="TestMacsPerImage">MACs of the main path per image at the training resolution.</param>
/// <param name="TestParameters">Parameters of the main path.</param>
public sealed record SrRun(string Arm, int Seed, string ConfigHash, string Commit, bool Reused, string Checkpoint,
    double MeanIoU, double[] PerClassIoU, double ThinMeanIoU, double InteriorConfusion, double[] ExitMeanIoU,
    double[] ImageThinMiss, double[] ImageInteriorConfusion, double SecondsPerEpoch, double PeakWorkingSetMiB,
    long TrainMacsPerImage, long TestMacsPerImage, long TestParameters);
