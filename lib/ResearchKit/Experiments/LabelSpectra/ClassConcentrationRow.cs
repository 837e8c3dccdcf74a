namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>One class: its train pixel count and share, and E_c(s) at each of the config's class factors (same order).</summary>
public sealed record ClassConcentrationRow(int ClassId, string Name, long TrainPixels, double PixelShare,
    int[] Factors, double[] EnergyRatio);
