using System.Text.RegularExpressions;

namespace ResearchKit.Notebooks.Format;

/// <summary>nbformat 4.5 cell id rule: 1-64 characters from letters, digits, '-' and '_'.</summary>
public static partial class CellIds
{
    /// <summary>True when <paramref name="id"/> is a valid nbformat 4.5 cell id.</summary>
    public static bool IsValid(string id) => IdPattern().IsMatch(id);

    [GeneratedRegex("^[a-zA-Z0-9_-]{1,64}$")]
    private static partial Regex IdPattern();
}
