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
        foreach (var line in SplitLines(text)) lines.Add(line);
        return lines;
    }

    /// <summary>Appends <paramref name="text"/> to a line list, continuing its last line when that has no "\n" yet.</summary>
    public static void Append(JsonArray lines, string text)
    {
        var parts = SplitLines(text);
        if (parts.Count == 0) return;
        var start = 0;
        if (lines.Count > 0 && lines[^1]?.GetValue<string>() is { } last && !last.EndsWith('\n'))
        {
            lines[^1] = last + parts[0];
            start = 1;
        }
        for (var i = start; i < parts.Count; i++) lines.Add(parts[i]);
    }

    /// <summary>Returns the lines of <paramref name="text"/>, each keeping its "\n" (the last may have none).</summary>
    public static List<string> SplitLines(string text)
    {
        var lines = new List<string>();
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
