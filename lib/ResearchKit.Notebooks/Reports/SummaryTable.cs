using System.Globalization;
using System.Text;
using ResearchKit.Notebooks.Running;

namespace ResearchKit.Notebooks.Reports;

/// <summary>The table printed after a run: notebook, status, failed cell, seconds and the error's first line.</summary>
public static class SummaryTable
{
    /// <summary>Returns the table as text, one notebook per line under a header.</summary>
    public static string Format(IReadOnlyList<NotebookResult> results)
    {
        var width = Math.Max("notebook".Length, results.Count == 0 ? 0 : results.Max(r => r.Name.Length));
        var sb = new StringBuilder();
        sb.Append($"{"notebook".PadRight(width)}  status  cell  seconds  error\n");
        foreach (var r in results)
        {
            var cell = r.FailedCellIndex?.ToString(CultureInfo.InvariantCulture) ?? "";
            var error = r.Error is null ? "" : FirstLine(r.Error);
            sb.Append(string.Create(CultureInfo.InvariantCulture,
                $"{r.Name.PadRight(width)}  {(r.Ok ? "ok" : "FAILED"),-6}  {cell,4}  {r.Seconds,7:0.00}  {error}\n"));
        }
        var failed = results.Count(r => !r.Ok);
        sb.Append(failed == 0 ? $"all {results.Count} notebook(s) ok\n" : $"{failed} of {results.Count} notebook(s) failed\n");
        return sb.ToString();
    }

    private static string FirstLine(string s)
    {
        var line = s.Split('\n')[0].Trim();
        return line.Length <= 160 ? line : line[..157] + "...";
    }
}
