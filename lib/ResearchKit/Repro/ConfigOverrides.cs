using System.Globalization;
using System.Reflection;

namespace ResearchKit.Repro;

/// <summary>Applies "name=value" overrides to a config record, as the CLI's <c>--set</c> does: names are the record's
/// properties (case-insensitive), values are parsed for the property's type (numbers, enums, comma-separated int
/// arrays, "null" for an optional value). An unknown name or a bad value is an error that lists what is valid.</summary>
public static class ConfigOverrides
{
    /// <summary>A copy of <paramref name="cfg"/> with every override applied in order.</summary>
    public static T Apply<T>(T cfg, IEnumerable<string> overrides) where T : class
    {
        var copy = (T)typeof(T).GetMethod("<Clone>$")!.Invoke(cfg, null)!;
        var properties = typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite).ToArray();
        foreach (var item in overrides)
        {
            var eq = item.IndexOf('=');
            if (eq <= 0) throw new ArgumentException($"--set {item}: expected name=value");
            var (name, text) = (item[..eq].Trim(), item[(eq + 1)..].Trim());
            var property = properties.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException($"--set {name}: unknown setting; valid: {string.Join(", ", properties.Select(p => Camel(p.Name)))}");
            property.SetValue(copy, Parse(name, text, property.PropertyType));
        }
        return copy;
    }

    private static object? Parse(string name, string text, Type type)
    {
        var inner = Nullable.GetUnderlyingType(type);
        if (inner is not null) return text == "null" ? null : Parse(name, text, inner);
        try
        {
            if (type == typeof(int)) return int.Parse(text, CultureInfo.InvariantCulture);
            if (type == typeof(double)) return double.Parse(text, CultureInfo.InvariantCulture);
            if (type == typeof(bool)) return bool.Parse(text);
            if (type == typeof(string)) return text;
            if (type == typeof(int[])) return text.Split(',').Select(t => int.Parse(t, CultureInfo.InvariantCulture)).ToArray();
            if (type.IsEnum)
                return Enum.GetNames(type).FirstOrDefault(n => string.Equals(n, text.Replace("-", ""), StringComparison.OrdinalIgnoreCase)) is { } found
                    ? Enum.Parse(type, found)
                    : throw new ArgumentException($"--set {name}={text}: valid values are {string.Join(", ", Enum.GetNames(type))}");
        }
        catch (FormatException)
        {
            throw new ArgumentException($"--set {name}={text}: not a valid {type.Name}");
        }
        throw new ArgumentException($"--set {name}: settings of type {type.Name} cannot be set from the command line");
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
