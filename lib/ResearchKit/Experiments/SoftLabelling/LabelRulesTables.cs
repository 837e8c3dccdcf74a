using ResearchKit.Labels;
using ResearchKit.Plots;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>The tables of NB06: settings, D per rule and factor, per-class retention and coverage, the spec reference.</summary>
public static class LabelRulesTables
{
    /// <summary>Every setting of <paramref name="cfg"/>.</summary>
    public static HtmlTable Settings(LabelRulesConfig cfg) => new(["setting", "value"],
    [
        ["train labels", cfg.TrainImageLimit?.ToString() ?? "all (367)"],
        ["factors s", string.Join(", ", cfg.Factors)],
        ["rules", string.Join(", ", cfg.Rules.Select(r => r.Name()))],
        ["void", "zero vector; KeepMass (the official code's)"],
        ["panel", $"train image {cfg.PanelImage} at 1/{cfg.PanelFactor}"],
        ["seed", cfg.Seed],
    ], "LabelRulesConfig");

    /// <summary>D(s) per rule (rows) and factor (columns).</summary>
    public static HtmlTable TvDistance(LabelRulesResult r) => new(
        new[] { "rule", "kind" }.Concat(r.Config.Factors.Select(s => $"D({s})")).ToArray(),
        r.Config.Rules.Select(rule => (IReadOnlyList<object?>)new object?[] { rule.Name(), rule.IsSoft() ? "soft" : "hard" }
            .Concat(r.Config.Factors.Select(s => (object?)r.Row(rule, s).TvDistance.ToString("0.0000"))).ToArray()),
        $"Mean TV distance to the box histogram over output pixels with a labelled source; {r.TrainImages} train labels");

    /// <summary>Retention and coverage per class (smallest share first) for every rule at factor <paramref name="s"/>.</summary>
    public static HtmlTable PerClass(LabelRulesResult r, int s = 8)
    {
        var order = r.ClassesByShare();
        return new HtmlTable(
            new[] { "class", "share" }.Concat(r.Config.Rules.SelectMany(x => new[] { $"R {x.Name()}", $"cov {x.Name()}" })).ToArray(),
            order.Select(c => (IReadOnlyList<object?>)new object?[] { r.ClassNames[c], (100 * r.ClassPixelShare[c]).ToString("0.00") + "%" }
                .Concat(r.Config.Rules.SelectMany(x => new object?[]
                    { r.Row(x, s).Retention[c].ToString("0.000"), r.Row(x, s).Coverage[c].ToString("0.000") })).ToArray()),
            $"s = {s}: retention R_c (1 = class mass kept) and coverage (share of the blocks holding the class where the target keeps it)");
    }
}
