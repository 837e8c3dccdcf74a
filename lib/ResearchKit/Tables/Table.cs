using System.Globalization;
using Deedle;

namespace ResearchKit.Tables;

/// <summary>
/// Builds the kit's result tables as Deedle frames from rows of cells, giving each column one type: int, double or
/// bool when every cell in it is one, otherwise text. Rows are keyed 0..n-1 (shown without an index column).
/// </summary>
public static class Table
{
    /// <summary>A frame with <paramref name="columns"/> and one row per entry of <paramref name="rows"/> (one cell per
    /// column; null is a missing value).</summary>
    public static Frame<int, string> FromRows(IReadOnlyList<string> columns, IEnumerable<IReadOnlyList<object?>> rows)
    {
        if (columns.Count == 0) throw new ArgumentException("A table needs at least one column.");
        if (columns.Distinct().Count() != columns.Count)
            throw new ArgumentException($"Table columns must be unique: {string.Join(", ", columns.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => g.Key))} repeats.");
        var cells = rows.ToList();
        for (int r = 0; r < cells.Count; r++)
            if (cells[r].Count != columns.Count)
                throw new ArgumentException($"Table row {r} has {cells[r].Count} cells for {columns.Count} columns.");
        var keys = Enumerable.Range(0, cells.Count).ToArray();
        var frame = Frame.FromRowKeys(keys);
        for (int c = 0; c < columns.Count; c++)
        {
            var column = cells.Select(row => row[c]).ToArray();
            frame.AddColumn(columns[c], Column(keys, column));
        }
        return frame;
    }

    /// <summary>A two-column "setting | value" table.</summary>
    public static Frame<int, string> Settings(IEnumerable<(string Setting, object? Value)> rows) =>
        FromRows(["setting", "value"], rows.Select(r => (IReadOnlyList<object?>)[r.Setting, r.Value]));

    private static ISeries<int> Column(int[] keys, object?[] cells)
    {
        var present = cells.Where(v => v is not null).ToArray();
        if (present.Length > 0 && present.All(v => v is int or long or short or byte))
            return Series(keys, cells, v => Convert.ToInt64(v, CultureInfo.InvariantCulture));
        if (present.Length > 0 && present.All(v => v is double or float or int or long or decimal))
            return Series(keys, cells, v => Convert.ToDouble(v, CultureInfo.InvariantCulture));
        if (present.Length > 0 && present.All(v => v is bool))
            return Series(keys, cells, v => (bool)v);
        return Series(keys, cells, v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "");
    }

    /// <summary>A series of the present cells only; the frame shows the absent keys as missing values.</summary>
    private static Series<int, T> Series<T>(int[] keys, object?[] cells, Func<object, T> convert)
    {
        var present = keys.Where(k => cells[k] is not null).ToArray();
        return new Series<int, T>(present, present.Select(k => convert(cells[k]!)).ToArray());
    }
}
