namespace ResearchKit.Notebooks.Running;

/// <summary>How one notebook went: where its executed copy and figures are, and the failing cell if any. A notebook
/// that could not be read did not run (<see cref="Ran"/> false) and has no executed copy.</summary>
public sealed record NotebookResult(
    string Name,
    string InputPath,
    string OutputPath,
    bool Ok,
    int? FailedCellIndex,
    string? Error,
    double Seconds,
    IReadOnlyList<string> Figures,
    ResearchKit.Notebooks.Reports.VerdictExporter.Summary? Verdict = null,
    bool Ran = true);
