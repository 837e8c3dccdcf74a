using ResearchKit.Metrics;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>One truncated arm against the plain network: its mIoU difference, whether that is a real loss, and how many
/// times fewer decoder MACs it costs.</summary>
public sealed record TruncationStep(int Stride, double Difference, bool RealLoss, double MacsFall);

/// <summary>One operator's arms at t = 2 and 4, and whether its accuracy stays within the noise band of t = 1 there.</summary>
public sealed record OperatorVerdict(TruncationOperator Operator, IReadOnlyList<TruncationStep> Strides, bool AccuracyHolds);

/// <summary>NB04's verdict by the spectral spec's criterion (§4/NB04): <b>reproduced</b> if, for some operator, mIoU at
/// t = 2 and 4 stays within the noise band of t = 1 (<see cref="SeedStats.IsReal"/>) while the decoder MACs fall
/// ≈ t²-fold; <b>contradicted</b> if both operators lose a real amount already at t = 2; otherwise <b>inconclusive</b>.
/// "≈ t²-fold" is ResearchKit's reading: at least t²/2 (2× at t = 2, 8× at t = 4).</summary>
public sealed record TruncationVerdict(string Verdict, string Reason, IReadOnlyList<OperatorVerdict> Operators)
{
    /// <summary>Judges the trained arms of <paramref name="arms"/> (test-only arms are ignored) over <paramref name="seeds"/> seeds.</summary>
    public static TruncationVerdict Of(IReadOnlyList<TruncationArm> arms, IReadOnlyList<TruncationOperator> operators, int seeds)
    {
        var trained = arms.Where(a => !a.TestOnly).ToArray();
        var plain = trained.First(a => a.Stride == 1);
        var perOperator = operators.Select(op =>
        {
            var steps = trained.Where(a => a.Operator == op && a.Stride is 2 or 4).OrderBy(a => a.Stride)
                .Select(a => new TruncationStep(a.Stride, a.MeanIoU - plain.MeanIoU,
                    SeedStats.IsReal(plain.MeanIoU - a.MeanIoU, plain.StdIoU, a.StdIoU), (double)plain.DecoderMacs / a.DecoderMacs))
                .ToArray();
            return new OperatorVerdict(op, steps, steps.Length > 0 && steps.All(x => !x.RealLoss));
        }).ToArray();
        var reference = $"reference t = 1: {plain.MeanIoU:0.00} ± {plain.StdIoU:0.00}";
        if (seeds < 2) return new("inconclusive", $"one seed per arm: no noise band to judge by; {reference}", perOperator);

        bool MacsFall(OperatorVerdict o) => o.Strides.All(x => x.MacsFall >= x.Stride * x.Stride / 2.0);
        if (perOperator.Any(o => o.AccuracyHolds && MacsFall(o)))
            return new("reproduced", $"within the noise band at t = 2 and 4 while decoder MACs fall ≈ t²-fold; {reference}", perOperator);
        if (perOperator.All(o => o.Strides.Any(x => x.Stride == 2 && x.RealLoss)))
            return new("contradicted", $"both operators lose a real amount at t = 2; {reference}", perOperator);
        var held = perOperator.Where(o => o.AccuracyHolds).ToArray();
        var reason = held.Length > 0
            ? $"accuracy holds ({string.Join(", ", held.Select(o => o.Operator))}) but decoder MACs fall only " +
              string.Join(" and ", held[0].Strides.Select(x => $"{x.MacsFall:0.0}× at t = {x.Stride}")) + ", not ≈ t²"
            : "a real loss at t = 2 or 4, but not for both operators at t = 2";
        return new("inconclusive", $"{reason}; {reference}", perOperator);
    }
}
