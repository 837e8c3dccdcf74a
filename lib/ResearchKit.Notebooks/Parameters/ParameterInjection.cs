using System.Globalization;
using System.Reflection;
using System.Text;
using Microsoft.CodeAnalysis.CSharp;

namespace ResearchKit.Notebooks.Parameters;

/// <summary>Writes the <c>injected-parameters</c> cell: one C# assignment per override, typed like its declaration.</summary>
/// <remarks>Value text becomes C# by the declared type: string -> quoted literal; numbers and bool -> the literal;
/// any other type with a name -> <c>Type.Member</c>, the member matched ignoring case, '-' and '_' (the compiler
/// rejects members that do not exist); anything else is used as a C# expression.</remarks>
public static class ParameterInjection
{
    /// <summary>The first line of every injected cell.</summary>
    public const string Header = "// Parameters injected by `researchkit run`.";

    private static readonly HashSet<string> NumericKeywords =
        ["int", "long", "short", "byte", "sbyte", "uint", "ulong", "ushort", "double", "float", "decimal", "nint", "nuint"];

    /// <summary>Returns the injected cell's source; <paramref name="runtimeType"/> gives a variable's type when the
    /// parameters cell has run (null before, when enum members are guessed in PascalCase).</summary>
    public static string BuildSource(IEnumerable<KeyValuePair<string, string>> values,
        IReadOnlyList<ParameterDeclaration> declared, Func<string, Type?> runtimeType)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var (name, value) in values)
        {
            var typeText = declared.Last(d => d.Name == name).TypeText;
            sb.Append($"{name} = {ToExpression(name, value, typeText, runtimeType(name))};\n");
        }
        return sb.ToString().TrimEnd('\n');
    }

    /// <summary>Returns the C# expression for <paramref name="value"/> assigned to a variable of the given type.</summary>
    public static string ToExpression(string name, string value, string typeText, Type? type)
    {
        var t = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        var keyword = typeText.TrimEnd('?');
        if (t == typeof(string) || keyword is "string" or "String" or "System.String")
            return SymbolDisplay.FormatLiteral(value, quote: true);
        if (t == typeof(bool) || keyword == "bool")
            return bool.TryParse(value, out var b) ? (b ? "true" : "false")
                : throw new FormatException($"parameter {name} is bool; '{value}' is not true or false");
        if (IsNumeric(t, keyword)) return NumericLiteral(name, value, t, keyword);
        if (IsName(value))
        {
            var typeName = typeText == "var" && t is not null ? CSharpName(t) : typeText.TrimEnd('?');
            var member = value[(value.LastIndexOf('.') + 1)..];
            return $"{typeName}.{(t is null ? null : MatchMember(t, member)) ?? PascalCase(member)}";
        }
        return value;
    }

    /// <summary>Returns <paramref name="s"/> lower-cased without '-' and '_', the key members are matched by.</summary>
    public static string MatchKey(string s) => s.Replace("-", "").Replace("_", "").ToLowerInvariant();

    private static bool IsNumeric(Type? t, string keyword) =>
        NumericKeywords.Contains(keyword) || (t is not null && (t.IsPrimitive || t == typeof(decimal)) && t != typeof(char));

    private static string NumericLiteral(string name, string value, Type? t, string keyword)
    {
        if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            throw new FormatException($"parameter {name} is {keyword}; '{value}' is not a number");
        if (t == typeof(float) || keyword == "float") return value + "f";
        if (t == typeof(decimal) || keyword == "decimal") return value + "m";
        return value;
    }

    private static bool IsName(string value) =>
        value.Length > 0 && (char.IsLetter(value[0]) || value[0] == '_')
        && value.All(c => char.IsLetterOrDigit(c) || c is '_' or '-' or '.');

    private static string? MatchMember(Type t, string member)
    {
        var key = MatchKey(member);
        var names = t.IsEnum
            ? Enum.GetNames(t)
            : t.GetMembers(BindingFlags.Public | BindingFlags.Static)
                .Where(m => m is FieldInfo f && t.IsAssignableFrom(f.FieldType) || m is PropertyInfo p && t.IsAssignableFrom(p.PropertyType))
                .Select(m => m.Name).ToArray();
        return names.FirstOrDefault(n => MatchKey(n) == key);
    }

    private static string PascalCase(string s) => string.Concat(
        s.Split('-', '_', StringSplitOptions.RemoveEmptyEntries).Select(p => char.ToUpperInvariant(p[0]) + p[1..]));

    private static string CSharpName(Type t) => (t.FullName ?? t.Name).Replace('+', '.');
}
