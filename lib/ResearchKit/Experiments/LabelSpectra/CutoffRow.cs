namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>The cut-off for threshold τ: the smallest K with E(K) ≥ τ and its grid factor s* = H/(2K*).</summary>
public sealed record CutoffRow(double Tau, int K, double GridFactor);
