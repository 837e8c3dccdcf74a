namespace ResearchKit.Experiments.LabelSpectra;

/// <summary>Block-constant oracle at factor s: val mIoU of each down-sample-then-replicate rule against the dense labels.</summary>
/// <param name="Majority">Block majority (ties to the lowest id, all-void block is void).</param>
/// <param name="NearestCentre">Nearest sampling at the block centre, pixel ⌊(j+0.5)·s⌋.</param>
/// <param name="NearestTopLeft">Nearest sampling at the block's top-left pixel ⌊j·s⌋: half a block out of phase (phase check).</param>
public sealed record OracleRow(int Factor, double Majority, double NearestCentre, double NearestTopLeft);
