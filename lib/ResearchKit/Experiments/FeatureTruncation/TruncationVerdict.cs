using ResearchKit.Claims;
using ResearchKit.Spectral;

namespace ResearchKit.Experiments.FeatureTruncation;

/// <summary>NB04's verdict by the verdict rule (spectral spec §4/NB04). For each operator, all of: t = 2 and t = 4 each keep
/// the mIoU of t = 1 (<see cref="ClaimKind.NoLoss"/>, paired by seed, δ = <see cref="Margin"/>) and the decoder MACs fall
/// ≈ t²-fold (<see cref="Verdict.Exact"/>; ResearchKit reads "≈" as at least t²/2: 2× at t = 2, 8× at t = 4). P3 is
/// then judged for some operator (<see cref="ForSomeOperator"/>).</summary>
/// <remarks>The spec names one contradiction, "both operators lose a real amount at t = 2". Through
/// <see cref="Verdict.AllOf"/> an operator is also contradicted by a real loss at t = 4, which rules out a part of P3.
/// A decoder-MAC fall short of t²/2 leaves it inconclusive instead: it is a property of where this network's decoder
/// spends its MACs (TinyUNet's truncated levels hold little of them), not evidence about the accuracy the claim is
/// about, and the spec does not name it as a contradiction.</remarks>
public static class TruncationVerdict
{
    /// <summary>The smallest effect of interest δ in mIoU points (spectral spec §4: 1.0).</summary>
    public const double Margin = EffectClaim.DefaultMargin;

    /// <summary>The truncated strides the claim is about (t ≤ s*(0.95) at native resolution).</summary>
    public static readonly IReadOnlyList<int> Strides = [2, 4];

    /// <summary>P3 on the trained runs of <paramref name="runs"/> (test-only runs are ignored), for some operator of
    /// <paramref name="operators"/>. The claim is about native label resolution: trained at 1/<paramref name="factor"/>
    /// of 360×480, with the plain decoder at stride <paramref name="plainStride"/> on the input (1 for TinyUNet, 4 for
    /// DeepLabV3+), the decoder truncated by t predicts on native s = factor·plainStride·t, and a t whose s lies beyond
    /// <paramref name="sStar"/> (s*(0.95) from NB01) is untested, since the spectral argument predicts no loss only up to there.</summary>
    public static Verdict Of(IReadOnlyList<TruncationRun> runs, IReadOnlyList<TruncationOperator> operators, int factor = 1,
        double sStar = double.PositiveInfinity, int plainStride = 1) =>
        ForSomeOperator("P3: a decoder truncated at t = 2 and 4 keeps the mIoU of t = 1 while its MACs fall ≈ t²-fold, for some operator",
            operators.Select(op => OfOperator(runs, op, factor, sStar, plainStride)).ToArray());

    /// <summary>One operator's part of P3: the no-loss claims at t = 2 and 4 and the exact MAC check, all of them. A
    /// stride with no trained arm, or whose native s = <paramref name="factor"/>·<paramref name="plainStride"/>·t lies beyond
    /// <paramref name="sStar"/>, is an inconclusive part that says so.</summary>
    public static Verdict OfOperator(IReadOnlyList<TruncationRun> runs, TruncationOperator op, int factor = 1, double sStar = double.PositiveInfinity,
        int plainStride = 1)
    {
        if (factor < 1) throw new ArgumentOutOfRangeException(nameof(factor), factor, "the training resolution is 1/factor of native; factor ≥ 1");
        if (plainStride < 1) throw new ArgumentOutOfRangeException(nameof(plainStride), plainStride, "the plain decoder's stride on the input is ≥ 1");
        var trained = runs.Where(x => !x.TestOnly).ToArray();
        // t = 1 is the plain network, listed under each operator's name: one value per seed.
        var plain = trained.Where(x => x.Stride == 1).DistinctBy(x => x.Seed).ToArray();
        if (plain.Length == 0) throw new ArgumentException($"NB04 verdict, {op}: no trained t = 1 run to compare with", nameof(runs));
        var parts = new List<Verdict>();
        var macs = new List<(string Check, string Measured, bool Holds)>();
        foreach (var t in Strides)
        {
            var statement = $"{op} at t = {t} keeps the mIoU of t = 1";
            var arm = trained.Where(x => x.Stride == t && x.Operator == op).ToArray();
            if (arm.Length == 0)
            {
                parts.Add(Verdict.Untested(statement, $"no trained {op} arm at t = {t}"));
                continue;
            }
            var fall = (double)plain[0].DecoderMacs / arm[0].DecoderMacs;
            macs.Add(($"decoder MACs fall ≥ {t * t / 2}× at t = {t}", $"{fall:0.0}×", fall >= t * t / 2.0));
            var native = factor * plainStride * t;
            if (native > sStar)
            {
                var decoder = plainStride == 1 ? "" : $" with the plain decoder at stride {plainStride}";
                parts.Add(Verdict.Untested(statement, $"trained at 1/{factor} resolution{decoder}, t = {t} is native s = {native}, " +
                    $"beyond s*(0.95) = {sStar:0.##}, where the claim does not apply"));
                continue;
            }
            parts.Add(VerdictRule.Judge(new EffectClaim(statement, $"val mIoU, {op} t = {t} − t = 1", ClaimKind.NoLoss, Margin), Seeds(arm), Seeds(plain)));
        }
        if (macs.Count > 0) parts.Add(Verdict.Exact($"{op}: decoder MACs fall ≈ t²-fold (at least t²/2)", macs, onFail: Outcome.Inconclusive));
        return Verdict.AllOf($"{op} keeps the mIoU of t = 1 at t = 2 and 4 with ≈ t²-fold fewer decoder MACs", parts);
    }

    /// <summary>A claim that needs one of several alternatives (here: operators), each judged whole: reproduced if any
    /// alternative is, contradicted only if every one is, else inconclusive. The dual of <see cref="Verdict.AllOf"/>.</summary>
    public static Verdict ForSomeOperator(string claim, IReadOnlyList<Verdict> operators)
    {
        if (operators.Count == 0) throw new ArgumentException($"{claim}: needs at least one operator's verdict", nameof(operators));
        var outcome = operators.Any(o => o.Outcome == Outcome.Reproduced) ? Outcome.Reproduced
            : operators.All(o => o.Outcome == Outcome.Contradicted) ? Outcome.Contradicted : Outcome.Inconclusive;
        var lead = outcome switch
        {
            Outcome.Reproduced => $"{operators.Count(o => o.Outcome == Outcome.Reproduced)} of {operators.Count} operators reproduce it",
            Outcome.Contradicted => $"all {operators.Count} operators are contradicted",
            _ => $"none of {operators.Count} operators reproduces it and not all are contradicted",
        };
        return new(claim, outcome, $"{lead}: " + string.Join("; ", operators.Select(o => $"{o.Claim}: {o.Word} ({o.Evidence})")), Parts: operators);
    }

    private static List<(int Seed, double Value)> Seeds(IEnumerable<TruncationRun> runs) => runs.Select(x => (x.Seed, x.MeanIoU)).ToList();
}
