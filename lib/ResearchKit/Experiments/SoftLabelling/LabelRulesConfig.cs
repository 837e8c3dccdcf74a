using ResearchKit.Labels;
using ResearchKit.Repro;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>Inputs of NB06 (what each label down-sampling rule keeps, soft-labelling spec 4/NB06): no training.</summary>
/// <param name="TrainImageLimit">Use the first N train labels (sorted by name); null = all 367.</param>
/// <param name="Factors">Integer factors s (each must divide 360 and 480).</param>
/// <param name="Rules">The rules compared (spec 2.2).</param>
/// <param name="PanelImage">The train image (index by name) drawn in the visual panel.</param>
/// <param name="PanelFactor">The factor of the visual panel.</param>
/// <param name="Seed">Recorded in the manifest; NB06 has no random step.</param>
public sealed record LabelRulesConfig(int? TrainImageLimit, int[] Factors, LabelDownsampling[] Rules, int PanelImage, int PanelFactor, int Seed)
{
    private static readonly LabelDownsampling[] AllRules =
    [
        LabelDownsampling.NearestCentre, LabelDownsampling.NearestTopLeft, LabelDownsampling.Majority,
        LabelDownsampling.SoftBox, LabelDownsampling.SoftBilinear, LabelDownsampling.SoftBilinearAA,
    ];

    /// <summary>Seconds: the first 16 train labels, s = 2, 4, 8, all six rules.</summary>
    public static LabelRulesConfig Smoke { get; } = new(16, [2, 4, 8], AllRules, 0, 8, 0);

    /// <summary>The spec's whole protocol: all 367 train labels, s = 2, 4, 8, all six rules (under a minute on 2 cores).</summary>
    public static LabelRulesConfig Quick { get; } = new(null, [2, 4, 8], AllRules, 0, 8, 0);

    /// <summary>Same as <see cref="Quick"/>: nothing is trained, so the full protocol is already cheap.</summary>
    public static LabelRulesConfig Paper { get; } = Quick;

    /// <summary>Same as <see cref="Quick"/>.</summary>
    public static LabelRulesConfig Full { get; } = Quick;

    /// <summary>The config of <paramref name="preset"/>.</summary>
    public static LabelRulesConfig For(Preset preset) => preset.Pick(Smoke, Quick, Paper, Full);
}
