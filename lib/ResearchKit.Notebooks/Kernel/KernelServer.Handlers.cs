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
        "is_complete_request" => ("is_complete_reply", new JsonObject { ["status"] = "unknown" }),
        "complete_request" => ("complete_reply", Complete(request)),
        "inspect_request" => ("inspect_reply", Inspect(request)),
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
        _executor ??= new CellExecutor(Path.Combine(Directory.GetCurrentDirectory(), "kernel.ipynb"), output => Emit(output));

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

    /// <summary>SIGINT (Jupyter's signal-mode interrupt): ignored while no cell runs. A running C# cell cannot be stopped
    /// inside its process, so the kernel reports that on iopub and exits (code 130); Jupyter then restarts it.</summary>
    internal void Interrupt()
    {
        if (!_running || _current is not { } parent)
        {
            _log.WriteLine("researchkit kernel: interrupt while idle; ignored");
            return;
        }
        const string why = "interrupted: a running C# cell cannot be stopped inside its process, so the kernel exits; restart it to go on";
        Publish(parent, "error", new JsonObject { ["ename"] = "KeyboardInterrupt", ["evalue"] = why, ["traceback"] = new JsonArray(why) });
        _iopub.CompleteAdding();
        _published.Wait(2000);
        _log.WriteLine($"researchkit kernel: {why}");
        Environment.Exit(130);
    }

    /// <summary>Console text of the running cell, as iopub stream messages.</summary>
    internal void EmitStream(string name, string text) => Emit(new JsonObject { ["output_type"] = "stream", ["name"] = name, ["text"] = text });
}
