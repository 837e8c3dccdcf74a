using ResearchKit.Losses;

namespace ResearchKit.Experiments.SelfRegulation;

/// <summary>One arm of NB08/NB09: a name and its self-regulation options (self-regulation spec §3 presets).</summary>
public sealed record SrArm(string Name, SelfRegulationOptions Options)
{
    /// <summary>The six arms of NB08, in the spec's order.</summary>
    public static SrArm[] All { get; } =
    [
        new("Baseline", SelfRegulationOptions.Baseline),
        new("MeaOnly", SelfRegulationOptions.MeaOnly),
        new("FeatureOnly", SelfRegulationOptions.FeatureOnly),
        new("LogitOnly", SelfRegulationOptions.LogitOnly),
        new("Paper", SelfRegulationOptions.Paper),
        new("OfficialCode", SelfRegulationOptions.OfficialCode),
    ];
}
