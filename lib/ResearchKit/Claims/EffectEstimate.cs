namespace ResearchKit.Claims;

/// <summary>An effect (arm A − arm B) estimated over seeds with its 95 % Student-t interval.</summary>
/// <param name="Seeds">Seeds per arm (the number of pairs when <paramref name="Paired"/>).</param>
/// <param name="Paired">True when both arms ran the same seeds and the interval is over per-seed differences.</param>
/// <param name="Spread">The sample std behind the interval: of the differences (paired), else the pooled per-arm std
/// √((s_A² + s_B²)/2); NaN with one seed.</param>
/// <param name="Lower">Lower end of the 95 % interval; NaN when it cannot be estimated (an arm with one seed).</param>
/// <param name="SeedsOther">Unpaired arms of different sizes: the larger arm's seed count (<paramref name="Seeds"/> is
/// the smaller one's, which the "seeds to decide" arithmetic uses); null when both arms ran as many seeds.</param>
public sealed record EffectEstimate(double Mean, double Lower, double Upper, int Seeds, bool Paired, double Spread, int? SeedsOther = null)
{
    /// <summary>True when the interval exists (at least two seeds per arm).</summary>
    public bool HasInterval => double.IsFinite(Lower) && double.IsFinite(Upper);

    /// <summary>"+2.31 [+0.80, +3.82], 3 paired seeds" or "+2.31, 1 seed (no interval)".</summary>
    public override string ToString()
    {
        var seeds = Paired ? $"{Seeds} paired seeds"
            : SeedsOther is { } other ? $"{Seeds} and {other} seeds"
            : Seeds == 1 ? "1 seed per arm" : $"{Seeds} seeds per arm";
        return HasInterval ? $"{Mean:+0.00;−0.00} [{Lower:+0.00;−0.00}, {Upper:+0.00;−0.00}], {seeds}"
            : $"{Mean:+0.00;−0.00}, {seeds} (no interval)";
    }
}
