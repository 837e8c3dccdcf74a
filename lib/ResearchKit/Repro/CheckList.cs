using System.Text.Json.Nodes;
using Deedle;
using ResearchKit.Tables;

namespace ResearchKit.Repro;

/// <summary>The checks of a notebook's check cell: displays as a table and fails loudly when any check does not hold.</summary>
public sealed class CheckList(string title)
{
    private readonly List<Check> _checks = [];

    /// <summary>The checks added so far.</summary>
    public IReadOnlyList<Check> Checks => _checks;

    /// <summary>True when every check holds.</summary>
    public bool AllPass => _checks.All(c => c.Pass);

    /// <summary>Adds a check whose outcome was decided by the caller.</summary>
    public CheckList Add(string name, string measured, string expected, bool pass)
    {
        _checks.Add(new Check(name, measured, expected, pass));
        return this;
    }

    /// <summary>Adds |measured − expected| ≤ tolerance.</summary>
    public CheckList Near(string name, double measured, double expected, double tolerance, string format = "0.0000") =>
        Add(name, measured.ToString(format), $"{expected.ToString(format)} ± {tolerance:G2}", Math.Abs(measured - expected) <= tolerance);

    /// <summary>Adds measured == expected.</summary>
    public CheckList Equal<T>(string name, T measured, T expected) where T : IEquatable<T> =>
        Add(name, measured.ToString() ?? "", expected.ToString() ?? "", measured.Equals(expected));

    /// <summary>Throws with every failing check listed, so a check cell fails the notebook run.</summary>
    public CheckList AssertAll()
    {
        var failed = _checks.Where(c => !c.Pass).ToArray();
        if (failed.Length > 0)
            throw new InvalidOperationException($"{title}: {failed.Length} of {_checks.Count} checks failed: " +
                string.Join("; ", failed.Select(c => $"{c.Name}: measured {c.Measured}, expected {c.Expected}")));
        return this;
    }

    /// <summary>"title: 2 of 3 checks hold", shown above the table.</summary>
    public string Summary => $"{title}: {_checks.Count(c => c.Pass)} of {_checks.Count} checks hold";

    /// <summary>The checks as a frame: check, measured, expected, holds.</summary>
    public Frame<int, string> ToTable() => Table.FromRows(["check", "measured", "expected", "holds"],
        _checks.Select(c => (IReadOnlyList<object?>)[c.Name, c.Measured, c.Expected, c.Pass ? "yes" : "NO"]));

    /// <summary>The table with its summary, so a check list displays in notebooks.</summary>
    public JsonObject ToDisplayData() => TableDisplay.ToDisplayData(ToTable(), Summary);

    /// <summary>The summary and the table as plain text.</summary>
    public override string ToString() => Summary + "\n" + ToTable().Format();
}
