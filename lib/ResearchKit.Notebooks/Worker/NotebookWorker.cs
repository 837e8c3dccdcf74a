using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Execution;
using ResearchKit.Notebooks.Format;
using ResearchKit.Notebooks.Parameters;

namespace ResearchKit.Notebooks.Worker;

/// <summary>The child process side: reads one <see cref="WorkerRequest"/> line, runs the cells, and streams JSON-line
/// events (cell-start, source, output, cell-end, done) so the parent keeps every output even if it has to kill us.</summary>
public sealed class NotebookWorker
{
    private readonly TextWriter events;
    private readonly Lock gate = new();
    private int currentIndex = -1;

    private NotebookWorker(Stream output) =>
        events = new StreamWriter(output, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };

    /// <summary>Runs the request read from <paramref name="input"/>; returns the process exit code (0 even when a cell
    /// fails: failures are reported as events).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output)
    {
        // Roslyn's cold start (loading and jitting the compiler) overlaps reading the request; the parent starts us in
        // the notebook's folder, which is all the warm-up compile needs.
        var warm = Task.Run(() => CellExecutor.Warm(Directory.GetCurrentDirectory()));
        ParentWatch.Start(TimeSpan.FromSeconds(1));
        var worker = new NotebookWorker(output);
        // Cells print to the console; their text must become stream outputs, never protocol lines.
        Console.SetOut(new ConsoleCapture("stdout", worker.EmitStream));
        Console.SetError(new ConsoleCapture("stderr", worker.EmitStream));
        var line = await new StreamReader(input, Encoding.UTF8).ReadLineAsync()
            ?? throw new InvalidDataException("worker: no request on standard input");
        var request = WorkerRequest.FromJson(JsonNode.Parse(line)!.AsObject());
        var folder = Path.GetDirectoryName(Path.GetFullPath(request.NotebookPath))!;
        Directory.SetCurrentDirectory(folder);
        await worker.RunCellsAsync(request, warm);
        worker.Send(new JsonObject { ["type"] = "done" });
        return 0;
    }

    private async Task RunCellsAsync(WorkerRequest request, Task warm)
    {
        var executor = new CellExecutor(request.NotebookPath, EmitOutput);
        await warm;
        var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
        Send(new JsonObject { ["type"] = "ready", ["seconds"] = sinceStart.TotalSeconds });
        foreach (var cell in request.Cells)
        {
            var start = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            currentIndex = cell.Index;
            Send(new JsonObject { ["type"] = "cell-start", ["index"] = cell.Index });
            var error = cell.Index == request.InjectedIndex
                ? await RunInjectedAsync(executor, cell, request)
                : await executor.RunAsync(cell);
            if (error is not null) EmitOutput(error);
            Send(new JsonObject
            {
                ["type"] = "cell-end", ["index"] = cell.Index, ["ok"] = error is null,
                ["executionCount"] = executor.ExecutionCount, ["seconds"] = clock.Elapsed.TotalSeconds,
                ["start"] = start.ToString("o"), ["end"] = DateTimeOffset.UtcNow.ToString("o"),
            });
            if (error is not null) return;
        }
    }

    /// <summary>Builds the injected cell from the declared variables' real types, then runs it like any cell.</summary>
    private async Task<JsonObject?> RunInjectedAsync(CellExecutor executor, CellRef cell, WorkerRequest request)
    {
        string source;
        try
        {
            source = ParameterInjection.BuildSource(request.Values, request.Declared, executor.VariableType);
        }
        catch (FormatException e)
        {
            return CellOutput.Error("ParameterError", $"{cell.Label}: {e.Message}", [$"{cell.Label}: {e.Message}"]);
        }
        Send(new JsonObject { ["type"] = "source", ["index"] = cell.Index, ["source"] = source });
        return await executor.RunAsync(cell with { Source = source });
    }

    private void EmitStream(string name, string text) => EmitOutput(CellOutput.Stream(name, text));

    private void EmitOutput(JsonObject output) =>
        Send(new JsonObject { ["type"] = "output", ["index"] = currentIndex, ["output"] = output });

    private void Send(JsonObject message)
    {
        var text = message.ToJsonString();
        lock (gate) events.WriteLine(text);
    }
}
