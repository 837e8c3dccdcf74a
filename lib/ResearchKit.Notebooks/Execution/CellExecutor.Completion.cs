using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ResearchKit.Notebooks.Execution;

public sealed partial class CellExecutor
{
    /// <summary>Completions at <paramref name="cursor"/> in <paramref name="code"/> (a cell not run yet, after the cells run
    /// so far), from Roslyn's semantic model: members of the expression before a '.', else the names in scope (variables
    /// of earlier cells, locals, types, namespaces). Returns the matches and the span of text they replace.</summary>
    public (IReadOnlyList<string> Matches, int Start, int End) Complete(string code, int cursor)
    {
        cursor = Math.Clamp(cursor, 0, code.Length);
        var start = cursor;
        while (start > 0 && (char.IsLetterOrDigit(code[start - 1]) || code[start - 1] == '_')) start--;
        var prefix = code[start..cursor];
        var (model, tree) = Model(code);
        IEnumerable<ISymbol> symbols;
        if (start > 0 && code[start - 1] == '.')
        {
            var token = tree.GetRoot().FindToken(start - 1);
            var access = token.Parent as MemberAccessExpressionSyntax;
            var target = access?.Expression;
            var type = target is null ? null : model.GetTypeInfo(target).Type;
            var ns = target is null ? null : model.GetSymbolInfo(target).Symbol as INamespaceOrTypeSymbol;
            symbols = type is not null && model.GetSymbolInfo(target!).Symbol is not ITypeSymbol
                ? model.LookupSymbols(start, type, includeReducedExtensionMethods: true)
                : ns is not null ? model.LookupStaticMembers(start, ns) : [];
        }
        else
            symbols = model.LookupSymbols(start);
        var matches = symbols.Where(s => s.CanBeReferencedByName && s.Name.StartsWith(prefix, StringComparison.Ordinal))
            .Select(s => s.Name).Distinct().Order(StringComparer.Ordinal).ToArray();
        return (matches, start, cursor);
    }

    /// <summary>What the name at <paramref name="cursor"/> is (its full signature, and for a variable its type and value),
    /// or null when the cursor is not on a known name.</summary>
    public string? Inspect(string code, int cursor)
    {
        var (model, tree) = Model(code);
        var position = Math.Clamp(cursor > 0 && (cursor >= code.Length || !char.IsLetterOrDigit(code[cursor])) ? cursor - 1 : cursor, 0, Math.Max(0, code.Length - 1));
        var node = tree.GetRoot().FindToken(position).Parent;
        var symbol = node is null ? null : model.GetSymbolInfo(node).Symbol ?? model.GetSymbolInfo(node).CandidateSymbols.FirstOrDefault()
            ?? model.GetDeclaredSymbol(node);
        if (symbol is null) return null;
        var text = symbol.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat);
        if (symbol is IFieldSymbol or IPropertySymbol && state?.Variables.LastOrDefault(v => v.Name == symbol.Name) is { } variable)
            text += $"\n{variable.Type}: {Shorten(DisplayFormatter.FormatText(variable.Value))}";
        var xml = symbol.GetDocumentationCommentXml();
        return string.IsNullOrWhiteSpace(xml) ? text : $"{text}\n{xml.Trim()}";
    }

    private (SemanticModel Model, SyntaxTree Tree) Model(string code)
    {
        var options = this.options.WithFilePath($"{notebookPath}#complete");
        var script = state is null ? CSharpScript.Create<object?>(code, options, typeof(NotebookGlobals)) : state.Script.ContinueWith<object?>(code, options);
        var compilation = script.GetCompilation();
        var tree = compilation.SyntaxTrees.Last();
        return (compilation.GetSemanticModel(tree), tree);
    }

    private static string Shorten(string text) => text.Length <= 200 ? text : text[..200] + "…";
}
