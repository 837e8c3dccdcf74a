using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive.Formatting;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Notebooks.Worker;

/// <summary>Turns the formatted values of a .NET Interactive display event into an nbformat <c>data</c> bundle, as
/// Jupyter stores them: JSON mime types (<c>application/json</c>, <c>*+json</c>) as JSON objects, images other than SVG
/// as one base64 string, text as a list of lines.</summary>
internal static class OutputMapper
{
    /// <summary>Returns the bundle; values marked SuppressDisplay are left out, and so is an empty value of any mime type
    /// but text/plain (a formatter that declines, e.g. a chart's PNG without Chromium, still yields its mime type with "").</summary>
    public static JsonObject Data(IEnumerable<FormattedValue> values)
    {
        var data = new JsonObject();
        foreach (var v in values)
        {
            if (v.SuppressDisplay || (v.Value.Length == 0 && v.MimeType != "text/plain")) continue;
            data[v.MimeType] = IsJson(v.MimeType) ? ParseJson(v.Value)
                : v.MimeType.StartsWith("image/", StringComparison.Ordinal) && !v.MimeType.Contains("svg") ? JsonValue.Create(v.Value)
                : MultilineText.ToLines(v.Value);
        }
        return data;
    }

    /// <summary>The plain text of a display event (stream outputs are its text/plain value).</summary>
    public static string PlainText(IEnumerable<FormattedValue> values, object? value) =>
        values.FirstOrDefault(v => v.MimeType == "text/plain")?.Value ?? value?.ToString() ?? "";

    private static bool IsJson(string mime) =>
        mime == "application/json" || (mime.StartsWith("application/", StringComparison.Ordinal) && mime.EndsWith("+json", StringComparison.Ordinal));

    // A formatter that wrote something that is not JSON under a JSON mime type keeps its text rather than failing the cell.
    private static JsonNode? ParseJson(string text)
    {
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
