namespace ResearchKit.Notebooks.Worker;

/// <summary>A code cell to run: its position in the notebook (0-based, all cell types counted), id and source.</summary>
public sealed record CellRef(int Index, string Id, string Source)
{
    /// <summary>Returns "cell 4 (id abc)", the way errors and progress name a cell.</summary>
    public string Label => $"cell {Index} (id {Id})";

    /// <summary>Returns the 1-based line <paramref name="line"/> of the source, trimmed, or "" when out of range.</summary>
    public string LineText(int line)
    {
        var lines = Source.Split('\n');
        return line >= 1 && line <= lines.Length ? lines[line - 1].Trim() : "";
    }
}
