namespace ResearchKit.Training;

/// <summary>Where <see cref="Trainer"/> reports progress: <see cref="TrainProgress"/> writes text lines; the CLI draws a
/// Spectre.Console progress bar in a terminal.</summary>
public interface ITrainProgress
{
    /// <summary>Called once before the first batch: the run's length and the epoch it starts (or resumes) at (0-based).</summary>
    void Begin(int epochs, int batchesPerEpoch, int startEpoch);

    /// <summary>Batch <paramref name="batch"/> (1-based) of epoch <paramref name="epoch"/> (0-based) is done.</summary>
    void Batch(int epoch, int batch, float loss, double learningRate);

    /// <summary>An epoch is done (with its val mIoU on evaluation epochs).</summary>
    void Epoch(EpochRecord record);
}
