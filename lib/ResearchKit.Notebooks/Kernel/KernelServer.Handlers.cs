using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Execution;
using ResearchKit.Notebooks.Kernel.Protocol;

namespace ResearchKit.Notebooks.Kernel;

internal sealed partial class KernelServer
{
    /// <summary>The reply type and content for <paramref name="request"/>, or null for a message type the kernel does not serve.</summary>
    private (string Type, JsonObject Content)? Handle(JupyterMessage request) => request.Type switch
    {
        "kernel_info_request" => ("kernel_info_reply", KernelInfo()),
        "execute_request" => ("execute_reply", Execute(request)),
        "is_complete_request" => ("is_complete_reply", IsComplete(request)),
        "complete_request" => ("complete_reply", Complete(request)),
        "inspect_request" => ("inspect_reply", Inspect(request)),
        "interrupt_request" => ("interrupt_reply", InterruptByMessage()),
        "comm_info_request" => ("comm_info_reply", new JsonObject { ["status"] = "ok", ["comms"] = new JsonObject() }),
        "shutdown_request" => ("shutdown_reply", new JsonObject { ["status"] = "ok", ["restart"] = request.Content["restart"]?.GetValue<bool>() ?? false }),
        _ => null,
    };

    private static JsonObject KernelInfo() => new()
    {
        ["status"] = "ok",
        ["protocol_version"] = JupyterMessage.ProtocolVersion,
        ["implementation"] = "researchkit",
        ["implementation_version"] = typeof(KernelServer).Assembly.GetName().Version?.ToString() ?? "0",
        ["language_info"] = new JsonObject
        {
            ["name"] = "C#", ["version"] = "13.0", ["mimetype"] = "text/x-csharp", ["file_extension"] = ".cs",
            ["pygments_lexer"] = "csharp", ["codemirror_mode"] = "text/x-csharp",
        },
        ["banner"] = "ResearchKit C# kernel (Roslyn scripting, the engine of `researchkit run`)",
        ["help_links"] = new JsonArray(),
    };

    private CellExecutor Executor() =>
        _executor ??= new CellExecutor(Path.Combine(Directory.GetCurrentDirectory(), "kernel.ipynb"), output => Emit(output)) { Interruptible = true };

    // Roslyn's own test for a script submission: complete when nothing more can be typed to finish it (a statement or
    // block left open is incomplete, and Jupyter's console then asks for another line, indented).
    private static JsonObject IsComplete(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var tree = Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code,
            Microsoft.CodeAnalysis.CSharp.CSharpParseOptions.Default.WithKind(Microsoft.CodeAnalysis.SourceCodeKind.Script));
        return Microsoft.CodeAnalysis.CSharp.SyntaxFactory.IsCompleteSubmission(tree)
            ? new JsonObject { ["status"] = "complete" }
            : new JsonObject { ["status"] = "incomplete", ["indent"] = "    " };
    }

    private JsonObject Complete(JupyterMessage request)
    {
        var (matches, start, end) = Executor().Complete(request.Content["code"]?.GetValue<string>() ?? "", request.Content["cursor_pos"]?.GetValue<int>() ?? 0);
        return new JsonObject
        {
            ["status"] = "ok", ["matches"] = new JsonArray(matches.Select(m => (JsonNode?)m).ToArray()),
            ["cursor_start"] = start, ["cursor_end"] = end, ["metadata"] = new JsonObject(),
        };
    }

    private JsonObject Inspect(JupyterMessage request)
    {
        var text = Executor().Inspect(request.Content["code"]?.GetValue<string>() ?? "", request.Content["cursor_pos"]?.GetValue<int>() ?? 0);
        return new JsonObject
        {
            ["status"] = "ok", ["found"] = text is not null,
            ["data"] = text is null ? new JsonObject() : new JsonObject { ["text/plain"] = text }, ["metadata"] = new JsonObject(),
        };
    }

    private JsonObject Execute(JupyterMessage request)
    {
        var code = request.Content["code"]?.GetValue<string>() ?? "";
        var executor = Executor();
        _current = request;
        _statusDisplayId = null;
        Interlocked.Increment(ref _cellSerial);
        var count = executor.ExecutionCount + 1;
        Publish(request, "execute_input", new JsonObject { ["code"] = code, ["execution_count"] = count });
        _running = true;
        JsonObject? error;
        try
        {
            error = executor.RunAsync(new CellRef(count - 1, $"in{count}", code)).GetAwaiter().GetResult();
        }
        finally
        {
            _running = false;
        }
        if (error is null)
            return new JsonObject { ["status"] = "ok", ["execution_count"] = count, ["user_expressions"] = new JsonObject(), ["payload"] = new JsonArray() };
        Emit(error);
        return new JsonObject
        {
            ["status"] = "error", ["execution_count"] = count, ["ename"] = error["ename"]?.DeepClone(),
            ["evalue"] = error["evalue"]?.DeepClone(), ["traceback"] = error["traceback"]?.DeepClone(),
        };
    }

    /// <summary>Publishes one nbformat output of the running cell as its iopub message.</summary>
    private void Emit(JsonObject output)
    {
        if (_current is not { } parent) return;
        var type = output["output_type"]?.GetValue<string>();
        var content = (JsonObject)output.DeepClone();
        content.Remove("output_type");
        if (type == "display_data") content["transient"] = new JsonObject();
        if (content["data"] is JsonObject data) JoinLines(data);
        if (content["text"] is JsonArray) content["text"] = Joined(content["text"]!.AsArray());
        Publish(parent, type ?? "stream", content);
    }

    // nbformat stores text as a list of lines; the messaging protocol sends one string per MIME type.
    private static void JoinLines(JsonObject data)
    {
        foreach (var key in data.Select(p => p.Key).ToArray())
            if (data[key] is JsonArray lines && lines.All(l => l is JsonValue v && v.TryGetValue<string>(out _))) data[key] = Joined(lines);
    }

    private static string Joined(JsonArray lines) => string.Concat(lines.Select(l => l!.GetValue<string>()));

    /// <summary>How long a running cell has to reach an interrupt check before the kernel gives up on it.</summary>
    private static readonly TimeSpan InterruptGrace = TimeSpan.FromSeconds(5);

    /// <summary>An interrupt, by SIGINT (signal mode) or interrupt_request (message mode): ignored while no cell runs;
    /// otherwise the cell stops at its next loop iteration or training batch with KeyboardInterrupt, and the kernel and
    /// its variables live on. A cell inside code without checks (a long library call, a sleep) cannot be stopped in its
    /// process: after <see cref="InterruptGrace"/> the kernel reports that on iopub and exits (code 130), and Jupyter
    /// restarts it.</summary>
    internal void Interrupt()
    {
        if (!_running || _current is not { } parent)
        {
            _log.WriteLine("researchkit kernel: interrupt while idle; ignored");
            return;
        }
        var cell = Volatile.Read(ref _cellSerial);
        CellInterrupt.Request();
        _log.WriteLine("researchkit kernel: interrupt; the cell stops at its next loop iteration or training batch");
        new Thread(() =>
        {
            Thread.Sleep(InterruptGrace);
            if (_running && Volatile.Read(ref _cellSerial) == cell) ExitStuck(parent);
        }) { IsBackground = true, Name = "interrupt-grace" }.Start();
    }

    private JsonObject InterruptByMessage()
    {
        Interrupt();
        return new JsonObject { ["status"] = "ok" };
    }

    private void ExitStuck(JupyterMessage parent)
    {
        var why = $"interrupted: the cell did not stop within {InterruptGrace.TotalSeconds:F0} s (it is inside code without " +
            "interrupt checks, such as a long library call or a sleep), and a running C# cell cannot be stopped inside its " +
            "process, so the kernel exits; restart it to go on";
        Publish(parent, "error", new JsonObject { ["ename"] = "KeyboardInterrupt", ["evalue"] = why, ["traceback"] = new JsonArray(why) });
        ExitNow(130, why);
    }

    /// <summary>Ends the process with <paramref name="code"/> after iopub has sent what is queued (a shutdown or a
    /// hopeless interrupt while a cell still runs on the shell thread). Exit handlers run, so a figure renderer's
    /// browser goes with the kernel.</summary>
    private void ExitNow(int code, string why)
    {
        _iopub.CompleteAdding();
        _published.Wait(2000);
        _log.WriteLine($"researchkit kernel: {why}");
        Environment.Exit(code);
    }

    /// <summary>The running cell's status output (training progress), shown once and then updated in place with
    /// update_display_data; offered to the library as <c>NotebookHost.StatusLine</c>.</summary>
    internal void StatusLine(string line)
    {
        if (_current is not { } parent || !_running) return;
        var first = _statusDisplayId is null;
        _statusDisplayId ??= Guid.NewGuid().ToString("N");
        Publish(parent, first ? "display_data" : "update_display_data", new JsonObject
        {
            ["data"] = new JsonObject { ["text/plain"] = line },
            ["metadata"] = new JsonObject { ["researchkit"] = new JsonObject { ["status"] = true } },
            ["transient"] = new JsonObject { ["display_id"] = _statusDisplayId },
        });
    }

    /// <summary>Console text of the running cell, as iopub stream messages.</summary>
    internal void EmitStream(string name, string text) => Emit(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
}
