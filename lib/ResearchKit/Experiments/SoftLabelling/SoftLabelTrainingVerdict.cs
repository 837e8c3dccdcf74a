using ResearchKit.Labels;
using ResearchKit.Metrics;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>NB07's verdict by the spec's criterion (soft-labelling spec 4/NB07): each criterion measured, then
/// reproduced, contradicted or inconclusive.</summary>
public sealed record SoftLabelTrainingVerdict(string Verdict, (string Criterion, string Measured, bool Holds)[] Criteria)
{
    private static readonly LabelDownsampling[] Soft = [LabelDownsampling.SoftBox, LabelDownsampling.SoftBilinearAA];

    /// <summary>Reproduced if S1 (nearest-centre falls with s), S2/S4 (soft-box and soft-bilinear-aa ≥ nearest-centre at
    /// every s, the gap growing with s and real at the largest s) and S3 (mean ΔIoU of the five rarest classes above that
    /// of the others) all hold; contradicted if neither soft rule has a real gap at the largest s, or nearest-centre is
    /// really above both at some s; with one seed there is no seed std, so the verdict is inconclusive.</summary>
    public static SoftLabelTrainingVerdict Of(SoftLabelTrainingResult r)
    {
        var factors = r.Config.Factors.Order().ToArray();
        var criteria = new List<(string, string, bool)>();
        var nc = factors.Select(s => r.Arm(s, LabelDownsampling.NearestCentre)).ToArray();
        criteria.Add(("S1: nearest-centre mIoU falls as s grows", string.Join(" → ", nc.Select(a => a.MeanIoU.ToString("0.00"))),
            nc.Zip(nc.Skip(1)).All(p => p.Second.MeanIoU < p.First.MeanIoU)));
        var realGap = new List<bool>();
        foreach (var rule in Soft.Where(r.Config.Rules.Contains))
        {
            var arms = factors.Select(s => r.Arm(s, rule)).ToArray();
            var gaps = arms.Zip(nc, (a, b) => a.MeanIoU - b.MeanIoU).ToArray();
            var text = string.Join(", ", factors.Zip(gaps, (s, g) => $"s = {s}: {g:+0.00;-0.00}"));
            criteria.Add(($"S2/S4: {rule.Name()} ≥ nearest-centre at every s", text, gaps.All(g => g >= 0)));
            criteria.Add(($"S2/S4: {rule.Name()}'s gap grows with s", text, gaps.Zip(gaps.Skip(1)).All(p => p.Second > p.First)));
            var real = SeedStats.IsReal(gaps[^1], arms[^1].StdIoU, nc[^1].StdIoU);
            realGap.Add(real);
            criteria.Add(($"S2/S4: {rule.Name()}'s gap is real at s = {factors[^1]} (> 1.0 and both seed stds)",
                $"{gaps[^1]:+0.00;-0.00} vs stds {arms[^1].StdIoU:0.00}, {nc[^1].StdIoU:0.00}", real));
        }
        var ncRealAboveBoth = factors.Select((s, i) => Soft.Where(r.Config.Rules.Contains).All(rule =>
        {
            var a = r.Arm(s, rule);
            return SeedStats.IsReal(nc[i].MeanIoU - a.MeanIoU, nc[i].StdIoU, a.StdIoU);
        })).Any(x => x);
        criteria.Add(RareClassCriterion(r, factors[^1]));
        var verdict = r.Config.Seeds.Length < 2 ? "inconclusive (one seed per arm: no seed std to judge a real gap by)"
            : realGap.All(g => !g) || ncRealAboveBoth ? "contradicted"
            : criteria.All(c => c.Item3) ? "reproduced"
            : "inconclusive (a real gap at the largest s, but not every criterion holds)";
        return new SoftLabelTrainingVerdict(verdict, criteria.ToArray());
    }

    private static (string, string, bool) RareClassCriterion(SoftLabelTrainingResult r, int s)
    {
        var (soft, hard) = (r.Arm(s, LabelDownsampling.SoftBox), r.Arm(s, LabelDownsampling.NearestCentre));
        var rare = r.RareClasses();
        var others = r.ClassesByShare().Except(rare).ToArray();
        double Gain(int c) => soft.PerClassIoU[c] - hard.PerClassIoU[c];
        var (rareGain, otherGain) = (rare.Average(Gain), others.Length > 0 ? others.Average(Gain) : double.NaN);
        return ($"S3: at s = {s}, mean ΔIoU (soft-box − nearest-centre) of the 5 rarest classes exceeds the others'",
            $"{rareGain:+0.00;-0.00} vs {otherGain:+0.00;-0.00}", rareGain > otherGain);
    }
}
