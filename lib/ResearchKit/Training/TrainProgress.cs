using System.Diagnostics;
using ResearchKit.Repro;

namespace ResearchKit.Training;

/// <summary>Training progress as text: in a terminal one line rewritten in place; in a notebook on .NET Interactive one status
/// output updated in place (<see cref="NotebookHost.StatusLine"/>); elsewhere (logs) a line every tenth of an epoch. Each shows epoch, batch, loss, seconds per batch and the ETA of the whole run.</summary>
public sealed class TrainProgress(TextWriter log) : ITrainProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly bool _inPlace = ReferenceEquals(log, Console.Error) && !Console.IsErrorRedirected;
    private readonly Action<string>? _status = NotebookHost.StatusLine;
    private int _done, _epochs, _batchesPerEpoch, _startEpoch;

    /// <inheritdoc />
    public void Begin(int epochs, int batchesPerEpoch, int startEpoch) => (_epochs, _batchesPerEpoch, _startEpoch) = (epochs, batchesPerEpoch, startEpoch);

    /// <inheritdoc />
    public void Batch(int epoch, int batch, float loss, double learningRate)
    {
        _done++;
        var perBatch = _clock.Elapsed.TotalSeconds / _done;
        var line = $"epoch {epoch + 1}/{_epochs} batch {batch}/{_batchesPerEpoch} loss {loss:F4} lr {learningRate:G3} {perBatch:F2} s/batch " +
            $"ETA {Eta(epoch, batch, perBatch, _epochs, _batchesPerEpoch):hh\\:mm\\:ss}";
        if (_status is not null) _status(line);
        else if (_inPlace) log.Write("\r" + line.PadRight(100));
        else if (batch == _batchesPerEpoch || batch % Math.Max(1, _batchesPerEpoch / 10) == 0) log.WriteLine(line);
    }

    /// <inheritdoc />
    public void Epoch(EpochRecord record)
    {
        if (_inPlace) log.WriteLine();
        log.WriteLine(EpochLine(record, _epochs, _startEpoch > 0));
    }

    /// <summary>The time left after batch <paramref name="batch"/> of epoch <paramref name="epoch"/> at <paramref name="perBatch"/> seconds a batch.</summary>
    public static TimeSpan Eta(int epoch, int batch, double perBatch, int epochs, int batchesPerEpoch) =>
        TimeSpan.FromSeconds(((epochs - epoch) * batchesPerEpoch - batch) * perBatch);

    /// <summary>"epoch e/E: mean loss …, … s[, val mIoU …][ (resumed run)]".</summary>
    public static string EpochLine(EpochRecord record, int epochs, bool resumed) =>
        $"epoch {record.Epoch}/{epochs}: mean loss {record.MeanLoss:F4}, {record.Seconds:F1} s" +
        (double.IsNaN(record.ValMeanIoU) ? "" : $", val mIoU {record.ValMeanIoU:F2}") + (resumed ? " (resumed run)" : "");
}
