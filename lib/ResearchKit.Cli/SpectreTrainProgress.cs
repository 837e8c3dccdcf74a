using System.Diagnostics;
using System.Text;
using ResearchKit.Training;
using Spectre.Console;

namespace ResearchKit.Cli;

/// <summary>`researchkit train` in a terminal: a Spectre.Console progress bar over the whole run (epoch, loss, learning
/// rate and seconds per batch in its description; percentage and time left beside it), epoch summaries printed above it.</summary>
internal sealed class SpectreTrainProgress(ProgressContext context, IAnsiConsole console) : ITrainProgress
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private ProgressTask? _task;
    private int _epochs, _batchesPerEpoch, _startEpoch, _done;

    /// <summary>Runs <paramref name="train"/> under a progress bar on standard error, its messages printed above the bar.</summary>
    public static T Run<T>(Func<TextWriter, ITrainProgress, T> train)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(Console.Error) });
        return console.Progress().AutoClear(false).HideCompleted(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(),
                new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context => train(new ConsoleLines(console), new SpectreTrainProgress(context, console)));
    }

    /// <inheritdoc />
    public void Begin(int epochs, int batchesPerEpoch, int startEpoch)
    {
        (_epochs, _batchesPerEpoch, _startEpoch) = (epochs, batchesPerEpoch, startEpoch);
        _task = context.AddTask(Description(startEpoch, 0, float.NaN, double.NaN), maxValue: epochs * batchesPerEpoch);
        _task.Value = startEpoch * batchesPerEpoch;
    }

    /// <inheritdoc />
    public void Batch(int epoch, int batch, float loss, double learningRate)
    {
        _done++;
        _task!.Description = Description(epoch, batch, loss, learningRate);
        _task.Value = epoch * _batchesPerEpoch + batch;
    }

    /// <inheritdoc />
    public void Epoch(EpochRecord record) => console.WriteLine(TrainProgress.EpochLine(record, _epochs, _startEpoch > 0));

    private string Description(int epoch, int batch, float loss, double lr) => Markup.Escape(float.IsNaN(loss)
        ? $"epoch {epoch + 1}/{_epochs} starting"
        : $"epoch {epoch + 1}/{_epochs} batch {batch}/{_batchesPerEpoch} loss {loss:F4} lr {lr:G3} {_clock.Elapsed.TotalSeconds / _done:F2} s/batch");

    /// <summary>A writer whose lines go through the console, so they print above the live progress bar instead of through it.</summary>
    private sealed class ConsoleLines(IAnsiConsole console) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                console.WriteLine(_line.ToString());
                _line.Clear();
            }
            else if (value != '\r') _line.Append(value);
        }
    }
}
