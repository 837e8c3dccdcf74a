using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using ResearchKit.Notebooks.Format;

namespace ResearchKit.Notebooks.Parameters;

/// <summary>Finds the cell tagged <c>parameters</c> (papermill's convention) and the variables it declares.</summary>
public static class ParameterCell
{
    /// <summary>The tag that marks the parameters cell.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell the runner inserts after it.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Returns the index of the first code cell tagged <c>parameters</c>, or -1.</summary>
    public static int Find(NotebookDocument notebook) =>
        notebook.Cells.FindIndex(c => c.IsCode && c.Tags.Contains(Tag));

    /// <summary>Returns the top-level variables declared in <paramref name="source"/>, in order.</summary>
    public static IReadOnlyList<ParameterDeclaration> Declarations(string source)
    {
        var tree = CSharpSyntaxTree.ParseText(source, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var declarations = new List<ParameterDeclaration>();
        foreach (var member in tree.GetCompilationUnitRoot().Members)
        {
            var declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => null,
            };
            if (declaration is null) continue;
            var type = declaration.Type.ToString();
            declarations.AddRange(declaration.Variables.Select(v => new ParameterDeclaration(v.Identifier.ValueText, type)));
        }
        return declarations;
    }
}
