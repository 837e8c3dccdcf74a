using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ResearchKit.Plots;

/// <summary>Conversions from .NET values to Plotly JSON nodes.</summary>
internal static class PlotlyJson
{
    /// <summary>Readable output (keeps "·", "σ" etc. as they are) for .json files and the mime bundle.</summary>
    internal static readonly JsonSerializerOptions Readable = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Escapes every HTML-significant and non-ASCII character, so the text can sit inside a script tag.</summary>
    internal static readonly JsonSerializerOptions ScriptSafe = new() { Encoder = JavaScriptEncoder.Default };

    /// <summary>A number node, or null for NaN and infinities (Plotly draws null as a gap; JSON has no NaN).</summary>
    internal static JsonNode? Number(double value) => double.IsFinite(value) ? JsonValue.Create(value) : null;

    /// <summary>A JSON array of numbers with non-finite values as null.</summary>
    internal static JsonArray Numbers(IEnumerable<double> values)
    {
        var array = new JsonArray();
        foreach (double v in values) array.Add(Number(v));
        return array;
    }

    /// <summary>A JSON array of strings.</summary>
    internal static JsonArray Strings(IEnumerable<string> values)
    {
        var array = new JsonArray();
        foreach (string s in values) array.Add(JsonValue.Create(s));
        return array;
    }

    /// <summary>A row-major matrix as an array of rows: z[row][col], non-finite values as null.</summary>
    internal static JsonArray Matrix(double[,] z)
    {
        var rows = new JsonArray();
        for (int r = 0; r < z.GetLength(0); r++)
        {
            var row = new JsonArray();
            for (int c = 0; c < z.GetLength(1); c++) row.Add(Number(z[r, c]));
            rows.Add(row);
        }
        return rows;
    }

    /// <summary>Plotly's title object form (plotly.js 3 dropped the plain-string form).</summary>
    internal static JsonObject Title(string text) => new() { ["text"] = text };

    /// <summary>Sets <paramref name="key"/> only when <paramref name="value"/> is present.</summary>
    internal static void SetIf(JsonObject target, string key, JsonNode? value)
    {
        if (value is not null) target[key] = value;
    }

    /// <summary>The lower-case first letter form Plotly uses for enumerated values ("Log" -> "log").</summary>
    internal static string Lower(Enum value) => value.ToString().ToLowerInvariant();
}
