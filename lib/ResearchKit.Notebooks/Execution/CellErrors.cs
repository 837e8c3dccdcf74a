using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Notebooks.Execution;

/// <summary>Turns compile diagnostics and exceptions into nbformat error outputs that name the cell and its line.</summary>
internal static class CellErrors
{
    /// <summary>Returns an error output listing every compile error with its cell, line and column.</summary>
    public static JsonObject FromDiagnostics(IEnumerable<Diagnostic> diagnostics, Func<string?, CellRef?> cellOf)
    {
        var lines = new List<string>();
        foreach (var d in diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error))
        {
            var span = d.Location.GetLineSpan();
            var line = span.StartLinePosition.Line + 1;
            var where = cellOf(span.Path) is { } cell
                ? $"{cell.Label}, line {line}, col {span.StartLinePosition.Character + 1}"
                : $"{span.Path}({line},{span.StartLinePosition.Character + 1})";
            lines.Add($"{where}: error {d.Id}: {d.GetMessage()}");
            if (cellOf(span.Path) is { } c && c.LineText(line) is { Length: > 0 } text) lines.Add($"    {text}");
        }
        var first = lines.Count > 0 ? lines[0] : "compilation failed";
        return CellOutput.Error("CompilationError", first, lines);
    }

    /// <summary>Returns an error output for an exception, with stack frames in cells mapped to cell lines.</summary>
    public static JsonObject FromException(Exception e, Func<string?, CellRef?> cellOf)
    {
        var trace = new List<string>();
        string? firstCellLine = null;
        for (var ex = e; ex is not null; ex = ex.InnerException)
        {
            trace.Add(ex == e ? $"{ex.GetType().FullName}: {ex.Message}" : $" ---> {ex.GetType().FullName}: {ex.Message}");
            foreach (var frame in new StackTrace(ex, true).GetFrames())
            {
                var text = DescribeFrame(frame, cellOf, out var inCell);
                if (text is null) continue;
                trace.Add(text);
                if (inCell && ex == e) firstCellLine ??= text.Trim()[3..];
            }
        }
        var evalue = firstCellLine is null ? e.Message : $"{e.Message} (at {firstCellLine})";
        // Jupyter's name for a user interrupt, whatever library code it passed through.
        var ename = Chain(e).Any(x => x is KeyboardInterruptException) ? "KeyboardInterrupt" : e.GetType().FullName ?? e.GetType().Name;
        return CellOutput.Error(ename, evalue, trace);
    }

    private static IEnumerable<Exception> Chain(Exception e)
    {
        for (var ex = e; ex is not null; ex = ex.InnerException) yield return ex;
    }

    private static string? DescribeFrame(StackFrame frame, Func<string?, CellRef?> cellOf, out bool inCell)
    {
        inCell = false;
        var method = frame.GetMethod();
        var file = frame.GetFileName();
        if (cellOf(file) is { } cell)
        {
            inCell = true;
            var line = frame.GetFileLineNumber();
            var code = cell.LineText(line);
            return $"   at {cell.Label}, line {line}" + (code.Length > 0 ? $": {code}" : "");
        }
        var type = method?.DeclaringType;
        // Scripting and async plumbing frames say nothing about the user's code.
        if (type is null || type.Namespace?.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal) == true
            || type.Namespace == "System.Runtime.CompilerServices" || type.Namespace == "System.Runtime.ExceptionServices"
            || type.Name.StartsWith("Submission#", StringComparison.Ordinal))
            return null;
        var at = $"   at {type.FullName}.{method!.Name}";
        return file is null ? at : $"{at} in {file}:line {frame.GetFileLineNumber()}";
    }
}
