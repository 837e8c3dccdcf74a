using System.Diagnostics;

namespace ResearchKit.Training;

/// <summary>Training progress: in a terminal one line rewritten in place; elsewhere (logs, notebooks) a line every tenth
/// of an epoch. Each shows epoch, batch, loss, seconds per batch and the ETA of the whole run.</summary>
public sealed class TrainProgress(TextWriter log, int epochs, int batchesPerEpoch, int startEpoch)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _inPlace = ReferenceEquals(log, Console.Error) && !Console.IsErrorRedirected;
    private int _done;

    /// <summary>Reports batch <paramref name="batch"/> (1-based) of epoch <paramref name="epoch"/> (0-based).</summary>
    public void Batch(int epoch, int batch, float loss, double learningRate)
    {
        _done++;
        var perBatch = _clock.Elapsed.TotalSeconds / _done;
        var left = ((epochs - epoch) * batchesPerEpoch - batch) * perBatch;
        var line = $"epoch {epoch + 1}/{epochs} batch {batch}/{batchesPerEpoch} loss {loss:F4} lr {learningRate:G3} {perBatch:F2} s/batch ETA {TimeSpan.FromSeconds(left):hh\\:mm\\:ss}";
        if (_inPlace) log.Write("\r" + line.PadRight(100));
        else if (batch == batchesPerEpoch || batch % Math.Max(1, batchesPerEpoch / 10) == 0) log.WriteLine(line);
    }

    /// <summary>Reports a finished epoch.</summary>
    public void Epoch(EpochRecord record)
    {
        if (_inPlace) log.WriteLine();
        log.WriteLine($"epoch {record.Epoch}/{epochs}: mean loss {record.MeanLoss:F4}, {record.Seconds:F1} s" +
            (double.IsNaN(record.ValMeanIoU) ? "" : $", val mIoU {record.ValMeanIoU:F2}") + (startEpoch > 0 ? " (resumed run)" : ""));
    }
}
