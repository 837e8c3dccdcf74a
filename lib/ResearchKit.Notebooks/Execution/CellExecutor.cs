using System.Text.Json.Nodes;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Notebooks.Execution;

/// <summary>Runs the code cells of one notebook in order as chained Roslyn script submissions sharing state.</summary>
public sealed partial class CellExecutor
{
    private static readonly string[] Imports =
        ["System", "System.Collections.Generic", "System.IO", "System.Linq", "System.Text", "System.Threading.Tasks"];

    /// <summary>The BCL assemblies cells compile against: a short list keeps the first compile fast; anything else is
    /// one <c>#r</c> away.</summary>
    private static readonly System.Reflection.Assembly[] References =
    [
        typeof(object).Assembly, typeof(Console).Assembly, typeof(Enumerable).Assembly, typeof(Stack<>).Assembly,
        typeof(System.Collections.Concurrent.ConcurrentDictionary<,>).Assembly, typeof(JsonObject).Assembly,
        typeof(System.Diagnostics.Process).Assembly, typeof(System.Text.RegularExpressions.Regex).Assembly,
        typeof(System.Numerics.BigInteger).Assembly, typeof(Parallel).Assembly,
        System.Reflection.Assembly.Load("System.Runtime"),
    ];

    private readonly ScriptOptions options;
    private ScriptOptions? interruptibleOptions;
    private readonly NotebookGlobals globals;
    private readonly Action<JsonObject> emit;
    private readonly string notebookPath;
    private readonly Dictionary<string, CellRef> cellsByPath = [];
    private ScriptState<object?>? state;
    private int executionCount;

    /// <summary>Creates an executor whose <c>#r</c>/<c>#load</c> paths resolve from the notebook's folder; outputs go
    /// to <paramref name="emit"/> as nbformat output objects.</summary>
    public CellExecutor(string notebookPath, Action<JsonObject> emit)
    {
        this.notebookPath = Path.GetFullPath(notebookPath);
        this.emit = emit;
        // Text printed before a display() call must come out before it.
        globals = new NotebookGlobals(output => { Console.Out.Flush(); emit(output); });
        options = CreateOptions(Path.GetDirectoryName(this.notebookPath)!);
    }

    /// <summary>True (the Jupyter kernel) to compile an interrupt check into every loop of a cell
    /// (<see cref="CellInterrupt"/>); the headless runner stops a stuck cell by ending its worker instead.</summary>
    public bool Interruptible { get; init; }

    // One reference for all cells: each AddReferences of an assembly opens its file again and keeps it open.
    private ScriptOptions InterruptibleOptions => interruptibleOptions ??= options.AddReferences(typeof(CellInterrupt).Assembly);

    /// <summary>The execution count given to the last cell that ran.</summary>
    public int ExecutionCount => executionCount;

    /// <summary>Returns the script options cells compile with: optimised, with debug info for line numbers.</summary>
    public static ScriptOptions CreateOptions(string baseDirectory) => ScriptOptions.Default
        .WithImports(Imports)
        .AddReferences(References)
        .WithOptimizationLevel(OptimizationLevel.Release)
        .WithEmitDebugInformation(true)
        .WithFileEncoding(System.Text.Encoding.UTF8)
        .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(baseDirectory))
        .WithSourceResolver(ScriptSourceResolver.Default.WithBaseDirectory(baseDirectory));

    /// <summary>Compiles and runs one cell after the previous ones; returns null on success or the error output.</summary>
    public async Task<JsonObject?> RunAsync(CellRef cell)
    {
        var count = ++executionCount;
        var path = $"{notebookPath}#cell-{cell.Index}";
        cellsByPath[path] = cell;
        var cellOptions = (Interruptible ? InterruptibleOptions : options).WithFilePath(path);
        var source = Interruptible ? CellInterrupt.WithChecks(cell.Source) : cell.Source;
        if (Interruptible) CellInterrupt.Reset();
        var script = state is null
            ? CSharpScript.Create<object?>(source, cellOptions, typeof(NotebookGlobals))
            : state.Script.ContinueWith<object?>(source, cellOptions);
        if (ReferenceBuilds.Mismatch(script.GetCompilation()) is { } mismatch)
            return CellOutput.Error("ReferenceMismatch", $"{cell.Label}: {mismatch}", [$"ReferenceMismatch: {cell.Label}: {mismatch}"]);
        ScriptState<object?> next;
        try
        {
            next = state is null
                ? await script.RunAsync(globals, catchException: _ => true)
                : await script.RunFromAsync(state, catchException: _ => true);
        }
        catch (CompilationErrorException e)
        {
            return CellErrors.FromDiagnostics(e.Diagnostics, CellOf);
        }
        finally
        {
            Console.Out.Flush();
            Console.Error.Flush();
        }
        if (next.Exception is { } ex) return CellErrors.FromException(ex, CellOf);
        state = next;
        if (!HasTrailingValue(script.GetCompilation(), path)) return null;
        try
        {
            emit(CellOutput.ExecuteResult(DisplayFormatter.ToMimeBundle(next.ReturnValue), count));
            return null;
        }
        catch (Exception e)
        {
            // A value whose ToDisplayData() throws fails its cell like any other exception in it.
            return CellErrors.FromException(e, CellOf);
        }
    }

    /// <summary>Compiles and runs a trivial submission so Roslyn's code is loaded and jitted before the first cell.</summary>
    public static void Warm(string baseDirectory) =>
        CSharpScript.Create<object?>("var x = 1; x", CreateOptions(baseDirectory), typeof(NotebookGlobals))
            .RunAsync(new NotebookGlobals(_ => { })).GetAwaiter().GetResult();

    /// <summary>Returns the declared type of a variable defined by the cells run so far, or null when there is none.</summary>
    public Type? VariableType(string name) =>
        state?.Variables.LastOrDefault(v => v.Name == name)?.Type;

    /// <summary>True when the cell ends in an expression without ';' whose type is not void (Jupyter shows it).</summary>
    private static bool HasTrailingValue(Compilation compilation, string path)
    {
        var tree = compilation.SyntaxTrees.Last(t => t.FilePath == path);
        if (tree.GetCompilationUnitRoot().Members.LastOrDefault() is not GlobalStatementSyntax
            { Statement: ExpressionStatementSyntax { SemicolonToken.IsMissing: true } statement })
            return false;
        var type = compilation.GetSemanticModel(tree).GetTypeInfo(statement.Expression).Type;
        return type is not null && type.SpecialType != SpecialType.System_Void;
    }

    private CellRef? CellOf(string? path) => path is not null && cellsByPath.TryGetValue(path, out var c) ? c : null;
}
