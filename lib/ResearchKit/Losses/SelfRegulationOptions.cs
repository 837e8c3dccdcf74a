namespace ResearchKit.Losses;

/// <summary>The self-regulation losses of a multi-exit training run (self-regulation spec §3; names are the spec's).</summary>
/// <remarks>L = λ_cls·L_cls + λ_seg·L_seg + g·(λ_F·L_F + λ_L·L_L), with g = 0 for the first <see cref="WarmupFraction"/>
/// of the iterations and 1 after; L_seg = Σ_b CE(S_b, Y) and L_cls = Σ_b BCE(q_b, y) over every exit. λ defaults are
/// the official code's; the paper's own values, distances and temperature are unknown.</remarks>
public sealed record SelfRegulationOptions
{
    /// <summary>False = the single-exit Baseline: CE on the main exit only, nothing else.</summary>
    public bool MultiExit { get; init; } = true;

    /// <summary>The feature term.</summary>
    public FeatureSr FeatureTerm { get; init; } = FeatureSr.Mse;

    /// <summary>The logit term.</summary>
    public LogitSr LogitTerm { get; init; } = LogitSr.PixelKl;

    /// <summary>T of <see cref="LogitSr.PixelKl"/>.</summary>
    public double Temperature { get; init; } = 1.0;

    /// <summary>Whether <see cref="LogitSr.PixelKl"/> is scaled by T².</summary>
    public bool ScaleByTemperatureSquared { get; init; } = true;

    /// <summary>λ_cls, the weight of the presence BCE summed over exits.</summary>
    public double LambdaCls { get; init; } = 0.2;

    /// <summary>λ_seg, the weight of the seg CE summed over exits.</summary>
    public double LambdaSeg { get; init; } = 0.8;

    /// <summary>λ_F, the weight of the feature term.</summary>
    public double LambdaFeature { get; init; } = 1.0;

    /// <summary>λ_L, the weight of the logit term.</summary>
    public double LambdaLogit { get; init; } = 1.0;

    /// <summary>The share of the iterations trained with the MEA losses only (g = 0).</summary>
    public double WarmupFraction { get; init; } = 0.25;

    /// <summary>Single exit, CE on the main output.</summary>
    public static SelfRegulationOptions Baseline { get; } = new() { MultiExit = false, FeatureTerm = FeatureSr.Off, LogitTerm = LogitSr.Off };

    /// <summary>The multi-exit MEA losses only.</summary>
    public static SelfRegulationOptions MeaOnly { get; } = new() { FeatureTerm = FeatureSr.Off, LogitTerm = LogitSr.Off };

    /// <summary>MEA + the paper's feature term.</summary>
    public static SelfRegulationOptions FeatureOnly { get; } = new() { LogitTerm = LogitSr.Off };

    /// <summary>MEA + the paper's logit term.</summary>
    public static SelfRegulationOptions LogitOnly { get; } = new() { FeatureTerm = FeatureSr.Off };

    /// <summary>MEA + both paper terms (Mse + PixelKl).</summary>
    public static SelfRegulationOptions Paper { get; } = new();

    /// <summary>MEA + both official-code terms (ShallowArgmaxCe + ClassPresenceBce).</summary>
    public static SelfRegulationOptions OfficialCode { get; } = new() { FeatureTerm = FeatureSr.ShallowArgmaxCe, LogitTerm = LogitSr.ClassPresenceBce };
}
