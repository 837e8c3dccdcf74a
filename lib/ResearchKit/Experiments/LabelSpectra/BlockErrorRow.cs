namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>Block labels of size b: tiles per image (the annotation-cost proxy) and the pooled spectral error e_b(K), K = 0..H/2.</summary>
public sealed record BlockErrorRow(int BlockSize, int TilesPerImage, double[] ErrorCurve);
