using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Notebooks.Running;

/// <summary>Runs one planned notebook in a worker process, filling the plan's document with the outputs as they come,
/// and kills the worker's process tree when a cell stays silent (no output, not finished) longer than the timeout.</summary>
internal sealed partial class NotebookJob(NotebookPlan plan, RunOptions options, TextWriter log)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);
    private const string IgnoreFailedSources = "RestoreIgnoreFailedSources";

    private readonly Dictionary<int, int> ordinal = plan.Request.Cells
        .Select((c, n) => (c.Index, n)).ToDictionary(x => x.Index, x => x.n + 1);
    private readonly Stopwatch cellClock = new();
    private int current = -1;
    private int lastExecutionCount;
    private bool done;

    /// <summary>The index of the cell that failed, or null.</summary>
    public int? FailedIndex { get; private set; }

    /// <summary>The first line of the failing cell's error, or a note on how the worker died.</summary>
    public string? Error { get; private set; }

    /// <summary>Runs the worker to the end (or to the kill) and returns whether every cell succeeded.</summary>
    public async Task<bool> RunAsync()
    {
        using var process = Process.Start(StartInfo()) ?? throw new IOException($"could not start {options.Worker.FileName}");
        await process.StandardInput.WriteLineAsync(plan.Request.ToJson().ToJsonString());
        process.StandardInput.Close();
        var timedOut = await ReadEventsAsync(process.StandardOutput);
        if (timedOut)
        {
            process.Kill(entireProcessTree: true);
            FailCurrent("CellTimeoutError", $"ran {options.CellTimeout.TotalSeconds:0.###} s without finishing or writing output; " +
                "the worker and its child processes were killed");
        }
        await process.WaitForExitAsync();
        if (!done && !timedOut)
            FailCurrent("WorkerExited", $"the worker process exited with code {process.ExitCode} before finishing");
        return FailedIndex is null && Error is null;
    }

    private ProcessStartInfo StartInfo()
    {
        var psi = new ProcessStartInfo(options.Worker.FileName)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            StandardOutputEncoding = new UTF8Encoding(false),
            StandardInputEncoding = new UTF8Encoding(false),
            WorkingDirectory = Path.GetDirectoryName(plan.InputPath)!,
        };
        foreach (var arg in options.Worker.Arguments) psi.ArgumentList.Add(arg);
        // A #r "nuget:" restore lists versions on every source; offline, nuget.org's failure would fail the cell even
        // where the local feed and NuGet's cache hold everything. As a warning, the restore goes on with what it has
        // (the user's own setting wins).
        if (Environment.GetEnvironmentVariable(IgnoreFailedSources) is null) psi.Environment[IgnoreFailedSources] = "true";
        return psi;
    }

    /// <summary>How long a worker may take to start (process, runtime, kernel warm-up) before its first event: the cell
    /// timeout bounds a cell's silence, and a loaded machine can take several seconds just to start the worker.</summary>
    private static readonly TimeSpan StartupAllowance = TimeSpan.FromSeconds(60);

    /// <summary>Handles events until "done" or end of stream; returns true when the current cell timed out.</summary>
    private async Task<bool> ReadEventsAsync(StreamReader events)
    {
        var deadline = DateTime.UtcNow + (options.CellTimeout > StartupAllowance ? options.CellTimeout : StartupAllowance);
        var pending = events.ReadLineAsync();
        while (true)
        {
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero) return true;
            var wait = Task.Delay(left < Heartbeat ? left : Heartbeat);
            if (await Task.WhenAny(pending, wait) != pending)
            {
                if (current >= 0 && DateTime.UtcNow < deadline) Progress("running", cellClock.Elapsed.TotalSeconds);
                continue;
            }
            var line = await pending;
            if (line is null) return false;
            if (Handle(line)) deadline = DateTime.UtcNow + options.CellTimeout;
            if (done) return false;
            pending = events.ReadLineAsync();
        }
    }

    /// <summary>Applies one event to the document; returns true when the worker became ready, a cell started, or the running
    /// cell wrote an output or updated a display (the timeout restarts: it bounds silence, so a long training cell that
    /// reports progress is never cut).</summary>
    private bool Handle(string line)
    {
        JsonObject message;
        try
        {
            message = JsonNode.Parse(line) as JsonObject ?? throw new JsonException();
        }
        catch (JsonException)
        {
            // Native code may write to the worker's stdout directly; show it rather than lose it.
            log.WriteLine($"    | {line}");
            return false;
        }
        var index = message["index"]?.GetValue<int>() ?? -1;
        switch (message["type"]?.GetValue<string>())
        {
            case "cell-start": current = index; cellClock.Restart(); return true;
            case "source": Cell(index).Source = message["source"]!.GetValue<string>(); break;
            case "output" when message.Remove("output", out var output):
                AddOutput(index, output!.AsObject(), message["valueId"]?.GetValue<string>());
                return index == current;
            case "update" when message.Remove("data", out var data): return Update(message["valueId"]!.GetValue<string>(), data!.AsObject());
            case "cell-end": EndCell(index, message); break;
            case "ready": log.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"[{plan.Name}] worker ready (C# kernel warmed up) after {message["seconds"]!.GetValue<double>():0.00} s")); return true;
            case "done": done = true; break;
        }
        return false;
    }
}
