using System.Text.Json.Nodes;
using Deedle;
using ResearchKit.Tables;

namespace ResearchKit.Claims;

/// <summary>A computed verdict: the claim, the outcome, and the evidence that decided it. Built by
/// <see cref="VerdictRule"/> for effects over seeds, by <see cref="Exact"/> for claims decided by exact checks, and by
/// <see cref="AllOf"/> for a notebook's claim made of several effects.</summary>
/// <param name="Evidence">One line: the estimate and why it decides (or does not decide) the claim.</param>
/// <param name="Estimate">The effect over seeds; null for exact and combined verdicts.</param>
/// <param name="SeedsToDecide">For an inconclusive effect: seeds per arm that would decide it if the mean and spread
/// stayed as observed; null when no number of seeds would (or the spread is unknown).</param>
public sealed record Verdict(string Claim, Outcome Outcome, string Evidence, EffectEstimate? Estimate = null,
    int? SeedsToDecide = null, IReadOnlyList<Verdict>? Parts = null)
{
    /// <summary>The outcome's word as the notebooks print it.</summary>
    public string Word => Outcome.ToString().ToLowerInvariant();

    /// <summary>A claim decided by exact checks (no seed noise): reproduced when every check holds; when one fails,
    /// contradicted (a measured counter-example), or <paramref name="onFail"/> where a failed check is not evidence
    /// against the claim (e.g. a condition checked on seed means, which carries no interval).</summary>
    public static Verdict Exact(string claim, IReadOnlyList<(string Check, string Measured, bool Holds)> checks, Outcome onFail = Outcome.Contradicted)
    {
        if (checks.Count == 0) throw new ArgumentException($"{claim}: an exact verdict needs at least one check", nameof(checks));
        if (onFail == Outcome.Reproduced) throw new ArgumentException($"{claim}: a failed check cannot reproduce a claim", nameof(onFail));
        var failed = checks.Where(c => !c.Holds).ToArray();
        return failed.Length == 0
            ? new(claim, Outcome.Reproduced, (checks.Count == 1 ? "the check holds: " : $"all {checks.Count} checks hold: ") +
                string.Join("; ", checks.Select(c => $"{c.Check} ({c.Measured})")))
            : new(claim, onFail, (checks.Count == 1 ? "the check fails: " : $"{failed.Length} of {checks.Count} checks fail: ") +
                string.Join("; ", failed.Select(c => $"{c.Check} ({c.Measured})")) +
                (onFail == Outcome.Inconclusive ? "; not evidence against the claim (no interval)" : ""));
    }

    /// <summary>A part this run could not test (a rule it did not train, a subset lacking a class): inconclusive, saying why.</summary>
    public static Verdict Untested(string claim, string why) => new(claim, Outcome.Inconclusive, "untested: " + why);

    /// <summary>A claim that needs every part: contradicted if any part is, reproduced if all are, else inconclusive.</summary>
    public static Verdict AllOf(string claim, IReadOnlyList<Verdict> parts)
    {
        if (parts.Count == 0) throw new ArgumentException($"{claim}: a combined verdict needs at least one part", nameof(parts));
        var outcome = parts.Any(p => p.Outcome == Outcome.Contradicted) ? Outcome.Contradicted
            : parts.All(p => p.Outcome == Outcome.Reproduced) ? Outcome.Reproduced : Outcome.Inconclusive;
        var counts = string.Join(", ", Enum.GetValues<Outcome>().Select(o => (o, n: parts.Count(p => p.Outcome == o)))
            .Where(x => x.n > 0).Select(x => $"{x.n} {x.o.ToString().ToLowerInvariant()}"));
        return new(claim, outcome, $"{parts.Count} parts: {counts}", Parts: parts);
    }

    /// <summary>A claim with one headline effect and conditions: contradicted only when the headline is (the conditions
    /// cannot contradict it), reproduced when the headline and every condition are, else inconclusive.</summary>
    public static Verdict Headed(string claim, Verdict headline, IReadOnlyList<Verdict> conditions)
    {
        var outcome = headline.Outcome == Outcome.Contradicted ? Outcome.Contradicted
            : headline.Outcome == Outcome.Reproduced && conditions.All(c => c.Outcome == Outcome.Reproduced) ? Outcome.Reproduced
            : Outcome.Inconclusive;
        var open = conditions.Count(c => c.Outcome != Outcome.Reproduced);
        return new(claim, outcome, $"headline {headline.Word}; {conditions.Count - open} of {conditions.Count} conditions reproduced",
            Parts: [headline, .. conditions]);
    }

    /// <summary>The mime type under which notebooks emit a verdict, so the runner can collect it into out/.</summary>
    public const string MimeType = "application/vnd.researchkit.verdict+json";

    /// <summary>Every claim at the bottom of this verdict (itself when it has no parts), in order.</summary>
    public IEnumerable<Verdict> Leaves() => Parts is null ? [this] : Parts.SelectMany(p => p.Leaves());

    /// <summary>"verdict: reproduced — claim (evidence; rule: README, Verdicts)", shown above the table.</summary>
    public string Summary => $"verdict: {Word} — {Claim} ({Evidence}; rule: README, Verdicts)";

    /// <summary>The verdict as a frame: one row per effect or exact claim (claim, outcome, effect [95% interval],
    /// seeds to decide, evidence).</summary>
    public Frame<int, string> ToTable() => Table.FromRows(["claim", "outcome", "effect [95% interval]", "seeds to decide", "evidence"],
        Leaves().Select(v => (IReadOnlyList<object?>)[v.Claim, v.Word, v.Estimate?.ToString() ?? "—",
            v.SeedsToDecide, v.Evidence]));

    /// <summary>The verdict as JSON (claim, outcome, evidence, estimate, seedsToDecide, parts).</summary>
    public JsonObject ToJson()
    {
        var o = new JsonObject { ["claim"] = Claim, ["outcome"] = Word, ["evidence"] = Evidence };
        if (Estimate is { } e)
            o["estimate"] = new JsonObject
            {
                ["mean"] = e.Mean, ["lower"] = double.IsFinite(e.Lower) ? e.Lower : null,
                ["upper"] = double.IsFinite(e.Upper) ? e.Upper : null, ["seeds"] = e.Seeds, ["paired"] = e.Paired,
            };
        if (SeedsToDecide is { } n) o["seedsToDecide"] = n;
        if (Parts is not null) o["parts"] = new JsonArray(Parts.Select(p => (JsonNode)p.ToJson()).ToArray());
        return o;
    }

    /// <summary>The notebook display bundle: the table (HTML and text) plus the verdict JSON under <see cref="MimeType"/>.</summary>
    public JsonObject ToDisplayData()
    {
        var bundle = TableDisplay.ToDisplayData(ToTable(), Summary);
        bundle[MimeType] = ToJson();
        return bundle;
    }

    /// <summary>"reproduced — Paper beats MeaOnly: +2.31 [+0.80, +3.82], 3 paired seeds; ...".</summary>
    public override string ToString() => $"{Word} — {Claim}: {Evidence}";
}
