using ResearchKit.Data;
using ResearchKit.Training;

namespace ResearchKit.Tests.Training;

/// <summary>One uninterrupted <see cref="TrainConfig.Smoke"/> run on the real CamVid (16 train, 8 val images at 45×60,
/// 3 epochs of 4 batches), shared by the trainer tests that compare against it, with every batch's progress report.</summary>
public sealed class SmokeRun : IDisposable
{
    public SmokeRun()
    {
        Result = Trainer.Run(TrainConfig.Smoke, DataPaths.CamVid, Folder, TextWriter.Null, new Recorder(Batches));
    }

    /// <summary>The run's output folder (checkpoints and result.json).</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("rk-smoke-").FullName;

    public TrainResult Result { get; }

    /// <summary>(epoch 0-based, batch 1-based, loss, learning rate) of every batch, in order.</summary>
    public List<(int Epoch, int Batch, float Loss, double LearningRate)> Batches { get; } = [];

    public void Dispose() => Directory.Delete(Folder, recursive: true);

    private sealed class Recorder(List<(int, int, float, double)> batches) : ITrainProgress
    {
        public void Begin(int epochs, int batchesPerEpoch, int startEpoch) { }

        public void Batch(int epoch, int batch, float loss, double learningRate) => batches.Add((epoch, batch, loss, learningRate));

        public void Epoch(EpochRecord record) { }
    }
}
