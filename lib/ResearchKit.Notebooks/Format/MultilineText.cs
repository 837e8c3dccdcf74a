using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Format;

/// <summary>nbformat's "multiline string": either one string or a list of lines that are joined as-is.</summary>
public static class MultilineText
{
    /// <summary>Returns the text of a multiline-string node (null or missing gives "").</summary>
    public static string Read(JsonNode? node) => node switch
    {
        null => "",
        JsonArray lines => string.Concat(lines.Select(l => l?.GetValue<string>() ?? "")),
        _ => node.GetValue<string>(),
    };

    /// <summary>Splits <paramref name="text"/> into lines that keep their "\n", the way Jupyter writes sources.</summary>
    public static JsonArray ToLines(string text)
    {
        var lines = new JsonArray();
        var start = 0;
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\n') continue;
            lines.Add(text[start..(i + 1)]);
            start = i + 1;
        }
        if (start < text.Length) lines.Add(text[start..]);
        return lines;
    }
}
