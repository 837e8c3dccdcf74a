using System.Text;
using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Worker;

/// <summary>The worker's side of the protocol: one JSON object per line on the runner's pipe (ready, cell-start, source,
/// output, update, cell-end, done). Written to the process's own stdout handle: while a cell runs, the C# kernel points
/// <see cref="Console.Out"/> at the cell's output capture.</summary>
internal sealed class EventChannel(Stream output)
{
    private readonly StreamWriter writer = new(output, new UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
    private readonly Lock gate = new();

    /// <summary>The index of the cell that outputs belong to (-1 before the first cell).</summary>
    public int CurrentIndex { get; set; } = -1;

    /// <summary>Sends one event; safe from any thread (a cell's background threads print too).</summary>
    public void Send(JsonObject message)
    {
        var text = message.ToJsonString();
        lock (gate) writer.WriteLine(text);
    }

    /// <summary>Sends an nbformat output of the running cell; <paramref name="valueId"/> names a display that later
    /// updates may replace.</summary>
    public void Output(JsonObject output, string? valueId = null)
    {
        var message = new JsonObject { ["type"] = "output", ["index"] = CurrentIndex, ["output"] = output };
        if (valueId is not null) message["valueId"] = valueId;
        Send(message);
    }

    /// <summary>Sends new data for the display <paramref name="valueId"/>, shown by this cell or an earlier one.</summary>
    public void Update(string valueId, JsonObject data) =>
        Send(new JsonObject { ["type"] = "update", ["index"] = CurrentIndex, ["valueId"] = valueId, ["data"] = data });
}
