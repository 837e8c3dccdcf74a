using System.Diagnostics;
using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Format;
using InteractiveDiagnostic = Microsoft.DotNet.Interactive.Diagnostic;

namespace ResearchKit.Notebooks.Worker;

/// <summary>Turns a failed cell into one nbformat error output whose evalue is a single line naming the cell, its line
/// and the cause: that line is what the run's summary shows.</summary>
internal static class CellErrors
{
    /// <summary>Returns an error output listing every compile error with its cell, line and column (and the line's code).</summary>
    public static JsonObject FromDiagnostics(CellRef cell, IEnumerable<InteractiveDiagnostic> errors)
    {
        var lines = new List<string>();
        foreach (var d in errors)
        {
            var line = d.LinePositionSpan.Start.Line + 1;
            lines.Add($"{cell.Label}, line {line}, col {d.LinePositionSpan.Start.Character + 1}: error {d.Code}: {d.Message}");
            if (cell.LineText(line) is { Length: > 0 } text) lines.Add($"    {text}");
        }
        return CellOutput.Error("CompilationError", lines.Count > 0 ? lines[0] : $"{cell.Label}: compilation failed", lines);
    }

    /// <summary>Returns an error output for an exception a cell threw, with its frames in the cell mapped to cell lines.</summary>
    public static JsonObject FromException(CellRef cell, Exception e)
    {
        var trace = new List<string>();
        string? firstCellLine = null;
        for (var ex = e; ex is not null; ex = ex.InnerException)
        {
            trace.Add(ex == e ? $"{ex.GetType().FullName}: {ex.Message}" : $" ---> {ex.GetType().FullName}: {ex.Message}");
            foreach (var frame in new StackTrace(ex, true).GetFrames())
            {
                var text = DescribeFrame(cell, frame, out var inCell);
                if (text is null) continue;
                trace.Add(text);
                if (inCell && ex == e) firstCellLine ??= text.Trim()[3..];
            }
        }
        var message = OneLine(e.Message);
        return CellOutput.Error(e.GetType().FullName ?? e.GetType().Name,
            firstCellLine is null ? $"{message} (in {cell.Label})" : $"{message} (at {firstCellLine})", trace);
    }

    /// <summary>Returns an error output for a failure that carries only a message (a package that does not restore, a
    /// directive the kernel refuses): <paramref name="ename"/> and, prefixed with the cell, the message's first error line
    /// (a restore's warnings come before its error) without the path of the kernel's temporary restore project.</summary>
    public static JsonObject FromMessage(CellRef cell, string ename, string message)
    {
        var lines = message.ReplaceLineEndings("\n").Split('\n').Select(l => l.TrimEnd()).Where(l => l.Length > 0).ToList();
        var reason = lines.FirstOrDefault(l => ErrorCode.IsMatch(l)) ?? lines.FirstOrDefault() ?? "failed";
        return CellOutput.Error(ename, $"{cell.Label}: {RestoreProject.Replace(reason, "")}", lines);
    }

    private static readonly System.Text.RegularExpressions.Regex ErrorCode = new(@"\berror [A-Z]+\d+:");
    private static readonly System.Text.RegularExpressions.Regex RestoreProject = new(@"^\S+\.fsproj : ");

    private static string OneLine(string s) => s.ReplaceLineEndings(" ").Trim();

    // Frames in a submission (Roslyn names its classes "Submission#N") carry the cell's line numbers; frames of the
    // kernel's and the compiler's own plumbing say nothing about the user's code.
    private static string? DescribeFrame(CellRef cell, StackFrame frame, out bool inCell)
    {
        inCell = false;
        var method = frame.GetMethod();
        var type = method?.DeclaringType;
        for (var t = type; t is not null; t = t.DeclaringType)
        {
            if (!t.Name.StartsWith("Submission#", StringComparison.Ordinal)) continue;
            inCell = true;
            var line = frame.GetFileLineNumber();
            if (line <= 0) return $"   at {cell.Label}";
            var code = cell.LineText(line);
            return $"   at {cell.Label}, line {line}" + (code.Length > 0 ? $": {code}" : "");
        }
        var ns = type?.Namespace ?? "";
        if (type is null || ns.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)
            || ns.StartsWith("Microsoft.DotNet.Interactive", StringComparison.Ordinal) || ns.StartsWith("System.Reactive", StringComparison.Ordinal)
            || ns == "System.Runtime.CompilerServices" || ns == "System.Runtime.ExceptionServices" || ns == "System.Threading.Tasks")
            return null;
        var at = $"   at {type.FullName}.{method!.Name}";
        return frame.GetFileName() is { } file ? $"{at} in {file}:line {frame.GetFileLineNumber()}" : at;
    }
}
