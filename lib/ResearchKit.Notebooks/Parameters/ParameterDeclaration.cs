namespace ResearchKit.Notebooks.Parameters;

/// <summary>A variable declared in the parameters cell: its name and its type as written ("var" when inferred).</summary>
public sealed record ParameterDeclaration(string Name, string TypeText);
