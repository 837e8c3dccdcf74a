namespace ResearchKit.Labels;

/// <summary>Kebab-case names of the <see cref="LabelDownsampling"/> rules (the CLI's <c>--method</c>) and their kind.</summary>
public static class LabelDownsamplingNames
{
    private static readonly (LabelDownsampling Rule, string Name)[] Names =
    [
        (LabelDownsampling.SoftBox, "soft-box"),
        (LabelDownsampling.SoftBilinear, "soft-bilinear"),
        (LabelDownsampling.SoftBilinearAA, "soft-bilinear-aa"),
        (LabelDownsampling.NearestCentre, "nearest-centre"),
        (LabelDownsampling.NearestTopLeft, "nearest-top-left"),
        (LabelDownsampling.Majority, "majority"),
    ];

    /// <summary>Every valid name, soft rules first.</summary>
    public static IReadOnlyList<string> All { get; } = Names.Select(n => n.Name).ToArray();

    /// <summary>The kebab-case name of <paramref name="rule"/>.</summary>
    public static string Name(this LabelDownsampling rule) =>
        Names.First(n => n.Rule == rule).Name;

    /// <summary>True for the rules that give class distributions rather than class ids.</summary>
    public static bool IsSoft(this LabelDownsampling rule) =>
        rule is LabelDownsampling.SoftBox or LabelDownsampling.SoftBilinear or LabelDownsampling.SoftBilinearAA;

    /// <summary>The rule named <paramref name="name"/> (case-insensitive); an unknown name throws listing the valid ones.</summary>
    public static LabelDownsampling Parse(string name)
    {
        foreach (var (rule, n) in Names)
            if (string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) return rule;
        throw new ArgumentException($"unknown down-sampling method '{name}'; valid: {string.Join(", ", All)}");
    }
}
