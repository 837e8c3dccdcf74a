using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ResearchKit.Notebooks.Execution;

/// <summary>Thrown in a running cell that the user interrupted; Jupyter shows it as KeyboardInterrupt.</summary>
public sealed class KeyboardInterruptException() : OperationCanceledException("interrupted by the user");

/// <summary>Cooperative interruption of a running cell. A .NET thread cannot be stopped from outside, so the kernel
/// compiles every loop of a cell with a check at the top of its body, and the library checks between training batches
/// (through <see cref="AppContextKey"/>); a requested interrupt throws <see cref="KeyboardInterruptException"/> at the
/// next check, the cell fails, and the kernel and its variables live on.</summary>
public static class CellInterrupt
{
    /// <summary>The AppContext key under which <see cref="Check"/> is offered to libraries (ResearchKit's NotebookHost).</summary>
    public const string AppContextKey = "ResearchKit.NotebookHost.InterruptCheck";

    private static volatile bool requested;

    /// <summary>Throws <see cref="KeyboardInterruptException"/> once if an interrupt was requested; compiled into the
    /// top of every loop body of a kernel cell.</summary>
    public static void Check()
    {
        if (!requested) return;
        requested = false;
        throw new KeyboardInterruptException();
    }

    /// <summary>Asks the running cell to stop at its next check.</summary>
    internal static void Request() => requested = true;

    /// <summary>Forgets an interrupt that no check saw (the cell ended first); called before each cell.</summary>
    internal static void Reset() => requested = false;

    /// <summary>Offers <see cref="Check"/> to libraries loaded in this process.</summary>
    internal static void Offer() => AppContext.SetData(AppContextKey, (Action)Check);

    /// <summary>Returns <paramref name="code"/> (a script cell) with a call to <see cref="Check"/> at the top of every
    /// loop body. No line break is added, so compile errors and stack frames keep their cell line numbers.</summary>
    internal static string WithChecks(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        return new LoopChecks().Visit(tree.GetRoot())!.ToFullString();
    }

    private sealed class LoopChecks : CSharpSyntaxRewriter
    {
        private static readonly StatementSyntax CheckCall =
            SyntaxFactory.ParseStatement("global::ResearchKit.Notebooks.Execution.CellInterrupt.Check();");

        public override SyntaxNode? Visit(SyntaxNode? node) => base.Visit(node) switch
        {
            WhileStatementSyntax loop => loop.WithStatement(Checked(loop.Statement)),
            DoStatementSyntax loop => loop.WithStatement(Checked(loop.Statement)),
            ForStatementSyntax loop => loop.WithStatement(Checked(loop.Statement)),
            CommonForEachStatementSyntax loop => loop.WithStatement(Checked(loop.Statement)),
            var other => other,
        };

        private static StatementSyntax Checked(StatementSyntax body) => body is BlockSyntax block
            ? block.WithStatements(block.Statements.Insert(0, CheckCall))
            : SyntaxFactory.Block(CheckCall, body.WithoutTrivia()).WithTriviaFrom(body);
    }
}
