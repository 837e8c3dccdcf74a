namespace ResearchKit.Repro;

/// <summary>One checked statement of a notebook: what was measured, what was expected, and whether it holds.</summary>
public sealed record Check(string Name, string Measured, string Expected, bool Pass);
