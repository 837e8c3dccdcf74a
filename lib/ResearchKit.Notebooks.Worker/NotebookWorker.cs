using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;
using ResearchKit.Notebooks.Parameters;

namespace ResearchKit.Notebooks.Worker;

/// <summary>The child process side of <c>researchkit run</c>: reads one <see cref="WorkerRequest"/> line, runs the cells
/// on .NET Interactive's C# kernel in this process, and streams JSON-line events (ready, cell-start, source, output,
/// update, cell-end, done) so the runner keeps every output even if it has to kill us.</summary>
internal static class NotebookWorker
{
    /// <summary>Runs the request read from <paramref name="input"/>; returns the process exit code (0 even when a cell
    /// fails: failures are reported as events).</summary>
    public static async Task<int> RunAsync(Stream input, Stream output)
    {
        ParentWatch.Start(TimeSpan.FromSeconds(1));
        var events = new EventChannel(output);
        var line = await new StreamReader(input, Encoding.UTF8).ReadLineAsync()
            ?? throw new InvalidDataException("researchkit-worker: no request on standard input");
        var request = WorkerRequest.FromJson(JsonNode.Parse(line)!.AsObject());
        // #r paths, the kit's look-up of plotly.js and NuGet.config all start from the notebook's folder.
        Directory.SetCurrentDirectory(Path.GetDirectoryName(Path.GetFullPath(request.NotebookPath))!);
        using (var session = new KernelSession(events, request.KitAssembly))
        {
            await session.WarmAsync();
            var sinceStart = DateTime.Now - Process.GetCurrentProcess().StartTime;
            events.Send(new JsonObject { ["type"] = "ready", ["seconds"] = sinceStart.TotalSeconds });
            await RunCellsAsync(session, request, events);
        }
        events.Send(new JsonObject { ["type"] = "done" });
        return 0;
    }

    private static async Task RunCellsAsync(KernelSession session, WorkerRequest request, EventChannel events)
    {
        foreach (var cell in request.Cells)
        {
            var start = DateTimeOffset.UtcNow;
            var clock = Stopwatch.StartNew();
            events.CurrentIndex = cell.Index;
            events.Send(new JsonObject { ["type"] = "cell-start", ["index"] = cell.Index });
            var error = cell.Index == request.InjectedIndex
                ? await RunInjectedAsync(session, cell, request, events)
                : await session.RunAsync(cell);
            if (error is not null) events.Output(error);
            events.Send(new JsonObject
            {
                ["type"] = "cell-end", ["index"] = cell.Index, ["ok"] = error is null,
                ["executionCount"] = session.ExecutionCount, ["seconds"] = clock.Elapsed.TotalSeconds,
                ["start"] = start.ToString("o"), ["end"] = DateTimeOffset.UtcNow.ToString("o"),
            });
            if (error is not null) return;
        }
    }

    /// <summary>Builds the injected cell from the declared variables' runtime types, then runs it like any cell.</summary>
    private static async Task<JsonObject?> RunInjectedAsync(KernelSession session, CellRef cell, WorkerRequest request, EventChannel events)
    {
        string source;
        try
        {
            source = ParameterInjection.BuildSource(request.Values, request.Declared, session.VariableType);
        }
        catch (FormatException e)
        {
            return CellOutput.Error("ParameterError", $"{cell.Label}: {e.Message}", [$"{cell.Label}: {e.Message}"]);
        }
        events.Send(new JsonObject { ["type"] = "source", ["index"] = cell.Index, ["source"] = source });
        return await session.RunAsync(cell with { Source = source });
    }
}
