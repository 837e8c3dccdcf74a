namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>One grid factor s: the (H/s)×(W/s) grid, the share of the DFT plane its band B(s) covers, and E(s).</summary>
/// <param name="EnergyRatio">E(s) under the config's void handling.</param>
/// <param name="EnergyRatioSeparateChannel">E(s) with void as its own channel (spectrum statistics only).</param>
public sealed record GridEnergyRow(int Factor, int GridHeight, int GridWidth, double BandShare, double EnergyRatio,
    double EnergyRatioSeparateChannel);
