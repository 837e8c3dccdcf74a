using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Format;

/// <summary>Builds nbformat 4 output objects (stream, display_data, execute_result, error).</summary>
public static class CellOutput
{
    /// <summary>The mime type of a Plotly figure in a display bundle.</summary>
    public const string PlotlyMime = "application/vnd.plotly.v1+json";

    /// <summary>Returns a stream output ("stdout" or "stderr").</summary>
    public static JsonObject Stream(string name, string text) => new()
    {
        ["output_type"] = "stream",
        ["name"] = name,
        ["text"] = MultilineText.ToLines(text),
    };

    /// <summary>Returns a display_data output for a mime bundle.</summary>
    public static JsonObject DisplayData(JsonObject bundle) => new()
    {
        ["output_type"] = "display_data",
        ["data"] = ToNbformatData(bundle),
        ["metadata"] = new JsonObject(),
    };

    /// <summary>Returns an execute_result output (a cell's trailing expression) for a mime bundle.</summary>
    public static JsonObject ExecuteResult(JsonObject bundle, int executionCount) => new()
    {
        ["output_type"] = "execute_result",
        ["execution_count"] = executionCount,
        ["data"] = ToNbformatData(bundle),
        ["metadata"] = new JsonObject(),
    };

    /// <summary>Returns an error output; <paramref name="traceback"/> lines are shown by front ends as-is.</summary>
    public static JsonObject Error(string ename, string evalue, IEnumerable<string> traceback) => new()
    {
        ["output_type"] = "error",
        ["ename"] = ename,
        ["evalue"] = evalue,
        ["traceback"] = new JsonArray(traceback.Select(t => (JsonNode?)t).ToArray()),
    };

    /// <summary>Text mime types are stored as line lists (Jupyter's habit); JSON and base64 images stay as they are.</summary>
    private static JsonObject ToNbformatData(JsonObject bundle)
    {
        var data = new JsonObject();
        foreach (var (mime, value) in bundle)
        {
            data[mime] = mime.StartsWith("text/", StringComparison.Ordinal) && value is JsonValue v && v.TryGetValue(out string? text)
                ? MultilineText.ToLines(text)
                : value?.DeepClone();
        }
        return data;
    }
}
