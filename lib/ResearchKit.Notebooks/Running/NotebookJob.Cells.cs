using System.Globalization;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Notebooks.Running;

/// <summary>The cell-level half of <see cref="NotebookJob"/>: outputs, timing metadata and progress lines.</summary>
internal sealed partial class NotebookJob
{
    private NotebookCell Cell(int index) => plan.Document.Cells[index];

    // Displays by the worker's value id, so an update replaces the data where the value was shown (in any cell).
    private readonly Dictionary<string, JsonObject> displays = [];

    private void AddOutput(int index, JsonObject output, string? valueId = null)
    {
        if (index < 0) return;
        if (valueId is not null) displays[valueId] = output;
        var outputs = Cell(index).Outputs;
        var type = output["output_type"]?.GetValue<string>();
        if (type == "stream")
        {
            var text = MultilineText.Read(output["text"]);
            foreach (var l in text.TrimEnd('\n').Split('\n')) log.WriteLine($"    | {l}");
            // Consecutive prints to one stream are one output, as Jupyter stores them.
            if (outputs.Count > 0 && outputs[^1] is JsonObject last && last["output_type"]?.GetValue<string>() == "stream"
                && last["name"]?.GetValue<string>() == output["name"]?.GetValue<string>() && last["text"] is JsonArray lines)
            {
                MultilineText.Append(lines, text);
                return;
            }
        }
        if (type == "error")
        {
            FailedIndex = index;
            Error ??= $"{output["ename"]?.GetValue<string>()}: {output["evalue"]?.GetValue<string>()}".ReplaceLineEndings(" ");
        }
        outputs.Add(output);
    }

    /// <summary>Replaces the data of the display <paramref name="valueId"/> (the executed notebook keeps the last state, as
    /// Jupyter's does); returns true, since a live display is the running cell's sign of life.</summary>
    private bool Update(string valueId, JsonObject data)
    {
        if (displays.TryGetValue(valueId, out var output)) output["data"] = data;
        return true;
    }

    private void EndCell(int index, JsonObject message)
    {
        var cell = Cell(index);
        var ok = message["ok"]!.GetValue<bool>();
        var seconds = message["seconds"]!.GetValue<double>();
        lastExecutionCount = message["executionCount"]!.GetValue<int>();
        cell.SetExecutionCount(lastExecutionCount);
        cell.Metadata["execution"] = new JsonObject
        {
            ["iopub.execute_input"] = message["start"]!.GetValue<string>(),
            ["shell.execute_reply"] = message["end"]!.GetValue<string>(),
        };
        cell.Metadata["researchkit"] = new JsonObject
        {
            ["duration"] = Math.Round(seconds, 4), ["status"] = ok ? "ok" : "failed",
        };
        Progress(ok ? "ok" : "FAILED", seconds);
        current = -1;
    }

    /// <summary>Marks the running cell (or the notebook, before any cell) failed with an error output.</summary>
    private void FailCurrent(string ename, string what)
    {
        if (current < 0)
        {
            Error ??= $"{ename}: {what}";
            log.WriteLine($"[{plan.Name}] {Error}");
            return;
        }
        var cell = Cell(current);
        var label = $"cell {current} (id {cell.Id})";
        AddOutput(current, CellOutput.Error(ename, $"{label} {what}", [$"{ename}: {label} {what}"]));
        cell.SetExecutionCount(lastExecutionCount + 1);
        cell.Metadata["researchkit"] = new JsonObject
        {
            ["duration"] = Math.Round(cellClock.Elapsed.TotalSeconds, 4), ["status"] = "failed",
        };
        Progress("FAILED", cellClock.Elapsed.TotalSeconds);
    }

    private void Progress(string status, double seconds) => log.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"[{plan.Name}] cell {ordinal.GetValueOrDefault(current)}/{ordinal.Count} (index {current}) {status} {seconds:0.00} s"));
}
