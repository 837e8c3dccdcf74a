using ResearchKit.Labels;

namespace ResearchKit.Experiments.SoftLabelling;

/// <summary>What one rule keeps at one factor, pooled over the train labels (soft-labelling spec 3.3).</summary>
/// <param name="Rule">The rule.</param>
/// <param name="Factor">The factor s.</param>
/// <param name="TvDistance">D(s): mean TV distance to the box histogram over output pixels with a labelled source.</param>
/// <param name="Retention">R_c per class: s²·Σ_p T[c,p] / Σ_q O[c,q].</param>
/// <param name="Coverage">Per class: the share of output pixels whose block holds the class where T keeps it.</param>
public sealed record RuleFidelityRow(LabelDownsampling Rule, int Factor, double TvDistance, double[] Retention, double[] Coverage)
{
    /// <summary>The rule's kebab-case name.</summary>
    public string Name => Rule.Name();

    /// <summary>True for the soft rules.</summary>
    public bool IsSoft => Rule.IsSoft();

    /// <summary>The row of <paramref name="m"/>.</summary>
    public static RuleFidelityRow Of(DownsamplingFidelity m) => new(m.Rule, m.Factor, m.TvDistance,
        Enumerable.Range(0, m.NumClasses).Select(m.Retention).ToArray(),
        Enumerable.Range(0, m.NumClasses).Select(m.Coverage).ToArray());
}
