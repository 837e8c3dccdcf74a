using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;

namespace ResearchKit.Notebooks.Execution;

/// <summary>Turns a value into a mime bundle: its own ToDisplayData() when it has one, otherwise readable text/plain.</summary>
/// <remarks>Rich display is duck-typed (a public parameterless ToDisplayData() returning JsonObject), and for types the
/// kit does not own (Plotly.NET charts, Deedle frames) it asks the library's <c>ResearchKit.Display.RichDisplay</c>
/// once the library is loaded, so the runner needs no reference to the library whose objects it shows.</remarks>
public static class DisplayFormatter
{
    /// <summary>How many items of a sequence are shown before "...".</summary>
    public const int MaxItems = 20;

    private const int MaxDepth = 3;

    /// <summary>Returns the mime bundle for <paramref name="value"/> (keys are mime types).</summary>
    public static JsonObject ToMimeBundle(object? value)
    {
        if (value is not null && TryRichBundle(value, out var bundle))
        {
            if (!bundle.ContainsKey("text/plain")) bundle["text/plain"] = value.ToString() ?? value.GetType().Name;
            return bundle;
        }
        return new JsonObject { ["text/plain"] = FormatText(value) };
    }

    /// <summary>Returns the plain-text form of a value: literals for primitives, bracketed lists (truncated), tuples.</summary>
    public static string FormatText(object? value)
    {
        var sb = new StringBuilder();
        Append(sb, value, 0, topLevel: true);
        return sb.ToString();
    }

    /// <summary>The name of the library's formatter for types it does not own.</summary>
    internal const string LibraryFormatter = "ResearchKit.Display.RichDisplay";

    private static bool TryRichBundle(object value, out JsonObject bundle)
    {
        bundle = null!;
        var method = value.GetType().GetMethod("ToDisplayData", BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        if (method is null || !typeof(JsonObject).IsAssignableFrom(method.ReturnType))
            return TryLibraryBundle(value, out bundle);
        try
        {
            bundle = (JsonObject?)method.Invoke(value, null) ?? throw new InvalidOperationException(
                $"{value.GetType().Name}.ToDisplayData() returned null");
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            // The display method's own failure is the user's error; unwrapping keeps its type and message.
            throw e.InnerException;
        }
        return true;
    }

    private static bool TryLibraryBundle(object value, out JsonObject bundle)
    {
        bundle = null!;
        var formatter = AppDomain.CurrentDomain.GetAssemblies()
            .Where(a => a.GetName().Name == "ResearchKit")
            .Select(a => a.GetType(LibraryFormatter)?.GetMethod("ToDisplayData", BindingFlags.Public | BindingFlags.Static, [typeof(object)]))
            .FirstOrDefault(m => m is not null && typeof(JsonObject).IsAssignableFrom(m.ReturnType));
        if (formatter is null) return false;
        try
        {
            if (formatter.Invoke(null, [value]) is not JsonObject rich) return false;
            bundle = rich;
            return true;
        }
        catch (TargetInvocationException e) when (e.InnerException is not null)
        {
            throw e.InnerException;
        }
    }

    private static void Append(StringBuilder sb, object? value, int depth, bool topLevel = false)
    {
        switch (value)
        {
            case null: sb.Append("null"); break;
            case string s: sb.Append(topLevel ? s : Quote(s)); break;
            case char c: sb.Append(topLevel ? c.ToString() : $"'{c}'"); break;
            case bool b: sb.Append(b ? "true" : "false"); break;
            case IFormattable f when value.GetType().IsPrimitive || value is decimal:
                sb.Append(f.ToString(null, CultureInfo.InvariantCulture)); break;
            case ITuple t when depth < MaxDepth: AppendTuple(sb, t, depth); break;
            case Array { Rank: 2 } grid when depth == 0: AppendGrid(sb, grid); break;
            case IDictionary d when depth < MaxDepth: AppendDictionary(sb, d, depth); break;
            case IEnumerable e when depth < MaxDepth && !HasOwnToString(value): AppendSequence(sb, e, depth); break;
            default: sb.Append(Convert.ToString(value, CultureInfo.InvariantCulture)); break;
        }
    }

    private static void AppendTuple(StringBuilder sb, ITuple t, int depth)
    {
        sb.Append('(');
        for (var i = 0; i < t.Length; i++)
        {
            if (i > 0) sb.Append(", ");
            Append(sb, t[i], depth + 1);
        }
        sb.Append(')');
    }

    private static void AppendSequence(StringBuilder sb, IEnumerable items, int depth)
    {
        sb.Append('[');
        var n = 0;
        foreach (var item in items)
        {
            if (n == MaxItems) { sb.Append(", ..."); n++; break; }
            if (n > 0) sb.Append(", ");
            Append(sb, item, depth + 1);
            n++;
        }
        sb.Append(']');
        var count = items is ICollection c ? c.Count : -1;
        if (count > MaxItems) sb.Append($" ({count} items)");
    }

    private static void AppendDictionary(StringBuilder sb, IDictionary d, int depth)
    {
        sb.Append('{');
        var n = 0;
        foreach (DictionaryEntry entry in d)
        {
            if (n == MaxItems) { sb.Append(", ..."); break; }
            sb.Append(n++ > 0 ? ", " : " ");
            Append(sb, entry.Key, depth + 1);
            sb.Append(": ");
            Append(sb, entry.Value, depth + 1);
        }
        sb.Append(n > 0 ? " }" : "}");
        if (d.Count > MaxItems) sb.Append($" ({d.Count} items)");
    }

    private static void AppendGrid(StringBuilder sb, Array grid)
    {
        int rows = grid.GetLength(0), cols = grid.GetLength(1);
        sb.Append($"{grid.GetType().GetElementType()!.Name}[{rows},{cols}]");
        for (var r = 0; r < Math.Min(rows, MaxItems); r++)
        {
            sb.Append("\n  [");
            for (var c = 0; c < Math.Min(cols, MaxItems); c++)
            {
                if (c > 0) sb.Append(", ");
                Append(sb, grid.GetValue(r, c), MaxDepth);
            }
            sb.Append(cols > MaxItems ? ", ...]" : "]");
        }
        if (rows > MaxItems) sb.Append("\n  ...");
    }

    /// <summary>Collections that override ToString (e.g. a tensor) know better how to show themselves.</summary>
    private static bool HasOwnToString(object value) =>
        value.GetType().GetMethod("ToString", Type.EmptyTypes)?.DeclaringType is { } t
        && t != typeof(object) && t.Namespace?.StartsWith("System", StringComparison.Ordinal) != true;

    private static string Quote(string s) =>
        "\"" + s.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n") + "\"";
}
