using ResearchKit.Labels;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The soft-labelling spec's CamVid reference values (3.3, ResearchKit measurements on the 367 train labels,
/// not paper numbers), matched to ±0.0005.</summary>
public static class LabelRulesReference
{
    /// <summary>The tolerance of every reference value.</summary>
    public const double Tolerance = 0.0005;

    /// <summary>D(2), D(4), D(8), Pole retention and Pole coverage at s = 8, per rule.</summary>
    public static IReadOnlyDictionary<LabelDownsampling, double[]> Rows { get; } = new Dictionary<LabelDownsampling, double[]>
    {
        [LabelDownsampling.NearestCentre] = [0.0185, 0.0309, 0.0516, 1.066, 0.279],
        [LabelDownsampling.NearestTopLeft] = [0.0184, 0.0418, 0.0752, 0.921, 0.241],
        [LabelDownsampling.Majority] = [0.0164, 0.0300, 0.0503, 0.719, 0.188],
        [LabelDownsampling.SoftBox] = [0, 0, 0, 1.000, 1.000],
        [LabelDownsampling.SoftBilinear] = [0, 0.0159, 0.0377, 1.048, 0.395],
        [LabelDownsampling.SoftBilinearAA] = [0.0083, 0.0100, 0.0146, 1.000, 1.000],
    };

    /// <summary>Coverage at s = 8 of SignSymbol, Pedestrian and Bicyclist for the rules the spec lists.</summary>
    public static IReadOnlyDictionary<LabelDownsampling, double[]> ThinCoverage { get; } = new Dictionary<LabelDownsampling, double[]>
    {
        [LabelDownsampling.NearestCentre] = [0.508, 0.448, 0.569],
        [LabelDownsampling.Majority] = [0.523, 0.510, 0.627],
        [LabelDownsampling.SoftBilinear] = [0.582, 0.536, 0.631],
    };

    /// <summary>The classes of <see cref="ThinCoverage"/>, in its column order.</summary>
    public static readonly string[] ThinCoverageClasses = ["SignSymbol", "Pedestrian", "Bicyclist"];
}
