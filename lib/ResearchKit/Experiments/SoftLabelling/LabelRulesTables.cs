using Deedle;
using ResearchKit.Labels;
using ResearchKit.Tables;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The tables of NB06: settings, D per rule and factor, per-class retention and coverage, the spec reference.</summary>
public static class LabelRulesTables
{
    /// <summary>Every setting of <paramref name="cfg"/> (<see cref="LabelRulesConfig"/>).</summary>
    public static Frame<int, string> Settings(LabelRulesConfig cfg) => Table.Settings(
    [
        ("train labels", cfg.TrainImageLimit?.ToString() ?? "all (367)"),
        ("factors s", string.Join(", ", cfg.Factors)),
        ("rules", string.Join(", ", cfg.Rules.Select(r => r.Name()))),
        ("void", "zero vector; KeepMass (the official code's)"),
        ("panel", $"train image {cfg.PanelImage} at 1/{cfg.PanelFactor}"),
        ("seed", cfg.Seed),
    ]);

    /// <summary>D(s) per rule (rows) and factor (columns): the mean TV distance to the box histogram over output pixels
    /// with a labelled source, over the run's train labels, to 4 decimals.</summary>
    public static Frame<int, string> TvDistance(LabelRulesResult r) => Table.FromRows(
        new[] { "rule", "kind" }.Concat(r.Config.Factors.Select(s => $"D({s})")).ToArray(),
        r.Config.Rules.Select(rule => (IReadOnlyList<object?>)new object?[] { rule.Name(), rule.IsSoft() ? "soft" : "hard" }
            .Concat(r.Config.Factors.Select(s => (object?)Math.Round(r.Row(rule, s).TvDistance, 4))).ToArray()));

    /// <summary>Per class (smallest train pixel share first, share in %) and rule at factor <paramref name="s"/>: retention
    /// R_c (1 = the class keeps its mass) and coverage (the share of the blocks holding the class where the target keeps
    /// it), to 3 decimals.</summary>
    public static Frame<int, string> PerClass(LabelRulesResult r, int s = 8) => Table.FromRows(
        new[] { "class", "share %" }.Concat(r.Config.Rules.SelectMany(x => new[] { $"R {x.Name()}", $"cov {x.Name()}" })).ToArray(),
        r.ClassesByShare().Select(c => (IReadOnlyList<object?>)new object?[] { r.ClassNames[c], Math.Round(100 * r.ClassPixelShare[c], 2) }
            .Concat(r.Config.Rules.SelectMany(x => new object?[]
                { Math.Round(r.Row(x, s).Retention[c], 3), Math.Round(r.Row(x, s).Coverage[c], 3) })).ToArray()));
}
