using System.Text.Json.Nodes;

namespace ResearchKit.Tests.Support;

/// <summary>Reads figure JSON arrays back as .NET arrays in figure tests.</summary>
internal static class JsonArrays
{
    /// <summary>A JSON array of numbers.</summary>
    public static double[] Numbers(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<double>()).ToArray();

    /// <summary>A JSON array of strings.</summary>
    public static string[] Texts(JsonNode? array) => array!.AsArray().Select(v => v!.GetValue<string>()).ToArray();
}
