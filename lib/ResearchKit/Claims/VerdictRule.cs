using MathNet.Numerics.Distributions;
using MathNet.Numerics.Statistics;

namespace ResearchKit.Claims;

/// <summary>The one verdict rule of notebooks 01-09. The effect (arm A − arm B) is estimated over seeds, paired by seed
/// (else Welch), with a 95 % Student-t interval [L, U]; with claimed side "A − B &gt; 0"
/// (Increase; Decrease is its mirror) and smallest effect of interest δ:
/// <b>reproduced</b> if L &gt; 0 and the interval still reaches δ; <b>contradicted</b> if U &lt; δ (the interval lies on the
/// wrong side of zero, or rules out every effect of interest, even one on the claimed side); otherwise
/// <b>inconclusive</b>, with the seeds per arm that would decide it at the observed mean and spread. For a "no loss" claim
/// (<see cref="ClaimKind.NoLoss"/>): reproduced if −δ &lt; L and U &lt; δ, contradicted if U &lt; −δ (the interval lies
/// wholly beyond δ in the losing direction); for "at least as good" (<see cref="ClaimKind.NotWorse"/>): reproduced if
/// L &gt; −δ, contradicted if U &lt; −δ. One seed per arm gives no interval: inconclusive. This is the rule of
/// ../shared/papers/README.md ("Verdicts"); where a gain is real but provably smaller than δ (0 &lt; L, U &lt; δ) both of
/// its literal branches apply, and the kit calls it contradicted: the claimed gain is ruled out.</summary>
public static class VerdictRule
{
    /// <summary>The interval's coverage.</summary>
    public const double Confidence = 0.95;

    /// <summary>Seeds per arm beyond which <see cref="Verdict.SeedsToDecide"/> gives up.</summary>
    public const int MaxSeeds = 100;

    /// <summary>Judges <paramref name="claim"/> on arm A's and arm B's values by seed (effect = A − B).</summary>
    public static Verdict Judge(EffectClaim claim, IReadOnlyList<(int Seed, double Value)> a, IReadOnlyList<(int Seed, double Value)> b)
    {
        if (!(claim.Margin > 0)) throw new ArgumentException($"{claim.Statement}: the smallest effect of interest must be > 0 (got {claim.Margin})", nameof(claim));
        // A diverged run (NaN or infinite metric) is not evidence either way: the claim is untested, naming the seeds.
        var broken = a.Select(x => ("A", x)).Concat(b.Select(x => ("B", x))).Where(p => !double.IsFinite(p.x.Value)).ToArray();
        if (broken.Length > 0)
            return Verdict.Untested(claim.ToString(), "the metric is not finite in " +
                string.Join(", ", broken.Select(p => $"arm {p.Item1} seed {p.x.Seed} ({p.x.Value})")) + " (a diverged run?)");
        var e = Estimate(a, b, claim.Statement);
        // Orient so the claimed side is "above zero" (Decrease is the mirror of Increase).
        double sign = claim.Kind == ClaimKind.Decrease ? -1 : 1;
        double mean = sign * e.Mean, lo = sign == 1 ? e.Lower : -e.Upper, hi = sign == 1 ? e.Upper : -e.Lower;
        var text = $"{e} ({claim.Unit})";
        if (!e.HasInterval)
            return new(claim.ToString(), Outcome.Inconclusive, $"{text}: one seed gives no interval; run at least 2 seeds per arm", e);
        if (e.Spread == 0)
            return new(claim.ToString(), Outcome.Inconclusive, $"{text}: no variation across seeds (e.g. a metric at 0 in every run), so no interval to judge by", e);
        if (claim.Kind == ClaimKind.NoLoss)
        {
            var d = claim.Margin;
            if (lo > -d && hi < d) return new(claim.ToString(), Outcome.Reproduced, $"{text}: the interval lies within ±{d:0.0#}", e);
            if (hi < -d) return new(claim.ToString(), Outcome.Contradicted, $"{text}: the interval lies wholly below −{d:0.0#} (a real loss)", e);
            // Shrinking around the observed mean decides it only when the mean is inside the band or below it.
            var need = mean < d ? SeedsToDecide(e, k => { var h = HalfWidth(e, k); return (mean - h > -d && mean + h < d) || mean + h < -d; }) : null;
            return new(claim.ToString(), Outcome.Inconclusive, $"{text}: the interval is not within ±{d:0.0#}; {NeedText(need)}", e, need);
        }
        if (claim.Kind == ClaimKind.NotWorse)
        {
            var d = claim.Margin;
            if (lo > -d) return new(claim.ToString(), Outcome.Reproduced, $"{text}: the interval lies above −{d:0.0#}", e);
            if (hi < -d) return new(claim.ToString(), Outcome.Contradicted, $"{text}: the interval lies wholly below −{d:0.0#} (really worse)", e);
            var need = SeedsToDecide(e, k => Decided(mean, HalfWidth(e, k), -d, -d));
            return new(claim.ToString(), Outcome.Inconclusive, $"{text}: the interval contains −{d:0.0#}; {NeedText(need)}", e, need);
        }
        var side = claim.Kind == ClaimKind.Increase ? "above" : "below";
        if (hi < claim.Margin)
            return new(claim.ToString(), Outcome.Contradicted, hi < 0 ? $"{text}: the interval lies on the wrong side of 0"
                : $"{text}: the interval rules out an effect of {claim.Margin:0.0#} or more", e);
        if (lo > 0) return new(claim.ToString(), Outcome.Reproduced, $"{text}: the interval lies {side} 0", e);
        var n = SeedsToDecide(e, k => Decided(mean, HalfWidth(e, k), 0, claim.Margin));
        return new(claim.ToString(), Outcome.Inconclusive, $"{text}: the interval contains 0 and {(sign * claim.Margin):+0.0#;−0.0#}; {NeedText(n)}", e, n);
    }

    /// <summary>The effect A − B over seeds: paired on the seeds both arms ran when they share at least 2 (the others left out), else Welch's interval.</summary>
    public static EffectEstimate Estimate(IReadOnlyList<(int Seed, double Value)> a, IReadOnlyList<(int Seed, double Value)> b, string what = "effect")
    {
        if (a.Count == 0 || b.Count == 0) throw new ArgumentException($"{what}: each arm needs at least one seed (got {a.Count} and {b.Count})");
        if (a.Concat(b).Any(x => !double.IsFinite(x.Value))) throw new ArgumentException($"{what}: a seed's value is not finite");
        var seedsA = a.Select(x => x.Seed).Order().ToArray();
        if (seedsA.Distinct().Count() != seedsA.Length || b.Select(x => x.Seed).Distinct().Count() != b.Count)
            throw new ArgumentException($"{what}: a seed appears twice in one arm");
        var shared = a.Select(x => x.Seed).Intersect(b.Select(x => x.Seed)).Order().ToArray();
        if (shared.Length >= 2)
        {
            // Paired on the seeds both arms ran (arms that share seeds share their data order and initial weights, so
            // Welch's independence would not hold); seeds only one arm ran are left out of the estimate.
            var byA = a.ToDictionary(x => x.Seed, x => x.Value);
            var byB = b.ToDictionary(x => x.Seed, x => x.Value);
            var d = shared.Select(k => byA[k] - byB[k]).ToArray();
            var sd = d.StandardDeviation();
            var h = T(d.Length - 1) * sd / Math.Sqrt(d.Length);
            return new(d.Average(), d.Average() - h, d.Average() + h, d.Length, true, sd);
        }
        double mean = a.Average(x => x.Value) - b.Average(x => x.Value);
        int n = Math.Min(a.Count, b.Count);
        int? other = a.Count == b.Count ? null : Math.Max(a.Count, b.Count);
        if (n < 2) return new(mean, double.NaN, double.NaN, n, false, double.NaN, other);
        double va = a.Select(x => x.Value).Variance(), vb = b.Select(x => x.Value).Variance();
        double qa = va / a.Count, qb = vb / b.Count, se = Math.Sqrt(qa + qb);
        // Welch–Satterthwaite degrees of freedom; identical arms (se = 0) fall back to the smaller arm's n − 1.
        var df = se > 0 ? (qa + qb) * (qa + qb) / (qa * qa / (a.Count - 1) + qb * qb / (b.Count - 1)) : n - 1;
        var half = T(df) * se;
        return new(mean, mean - half, mean + half, n, false, Math.Sqrt((va + vb) / 2), other);
    }

    private static double T(double df) => StudentT.InvCDF(0, 1, df, 1 - (1 - Confidence) / 2);

    /// <summary>The half-width the interval would have with <paramref name="n"/> seeds per arm at the observed spread.</summary>
    private static double HalfWidth(EffectEstimate e, int n) =>
        e.Paired ? T(n - 1) * e.Spread / Math.Sqrt(n) : T(2 * n - 2) * e.Spread * Math.Sqrt(2.0 / n);

    private static bool Decided(double mean, double half, double low, double high) => mean - half > low || mean + half < high;

    private static int? SeedsToDecide(EffectEstimate e, Func<int, bool> decided)
    {
        for (var n = e.Seeds + 1; n <= MaxSeeds; n++) if (decided(n)) return n;
        return null;
    }

    private static string NeedText(int? n) => n is { } k
        ? $"about {k} seeds per arm would decide it at this mean and spread"
        : $"no number of seeds up to {MaxSeeds} per arm decides it at this mean and spread";
}
