using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ResearchKit.Data;
using ResearchKit.Spectral;

namespace ResearchKit.Cli.Commands;

/// <summary>`researchkit spectrum`: pooled label spectra of PNG label maps — radial profile, E(K), K* and s*.</summary>
internal static class SpectrumCommand
{
    private static readonly double[] Taus = [0.90, 0.95, 0.99];

    /// <summary>Builds the command.</summary>
    public static Command Create()
    {
        var path = new Argument<string>("label.png|folder") { Description = "One label PNG, or a folder whose *.png files are pooled" };
        var numClasses = new Option<int>("--num-classes") { Description = "Number of classes C (ids 0..C-1)", Required = true };
        var ignore = new Option<int?>("--ignore-index") { Description = "Void id, excluded from the spectra (zero one-hot vector)" };
        var json = new Option<bool>("--json") { Description = "Print one JSON object" };
        var cmd = new Command("spectrum",
            "Pool the per-class label power spectra of PNG label maps and print the radial profile, the energy ratio E(K) " +
            "and the cut-off K* with grid factor s* = H/(2K*) for tau = 0.90, 0.95, 0.99.")
        { path, numClasses, ignore, json };
        cmd.SetAction(parse =>
        {
            var spectrum = Compute(parse.GetValue(path)!, parse.GetValue(numClasses), parse.GetValue(ignore));
            Console.WriteLine(parse.GetValue(json) ? ToJson(spectrum).ToJsonString(new JsonSerializerOptions { WriteIndented = true }) : ToText(spectrum));
            return 0;
        });
        return cmd;
    }

    /// <summary>The pooled spectrum of every label map at <paramref name="path"/>; all maps must share one size.</summary>
    internal static LabelSpectrum Compute(string path, int numClasses, int? ignoreIndex)
    {
        var files = LabelFiles.Load(path, numClasses, ignoreIndex);
        var (first, firstLabels) = files[0];
        foreach (var (file, labels) in files)
            if (labels.Height != firstLabels.Height || labels.Width != firstLabels.Width)
                throw new InvalidDataException(
                    $"{file}: label map is {labels.Width}x{labels.Height} but {first} is {firstLabels.Width}x{firstLabels.Height}; pooled spectra need one size");
        var spectrum = new LabelSpectrum(firstLabels.Height, firstLabels.Width, numClasses, ignoreIndex ?? -1);
        spectrum.AddRange(files.Select(f => f.Labels).ToArray());
        return spectrum;
    }

    /// <summary>The --json object: images, height, width, numClasses, ignoreIndex, energyRatio[K], cutoffs, radialProfile.</summary>
    internal static JsonObject ToJson(LabelSpectrum s) => new()
    {
        ["images"] = s.ImageCount,
        ["height"] = s.Height,
        ["width"] = s.Width,
        ["numClasses"] = s.NumClasses,
        ["ignoreIndex"] = s.IgnoreIndex >= 0 ? s.IgnoreIndex : null,
        ["voidHandling"] = s.VoidHandling.ToString(),
        ["pooledDenominator"] = s.PooledDenominator,
        ["energyRatio"] = new JsonArray(s.EnergyRatioCurve().Select(e => (JsonNode?)e).ToArray()),
        ["cutoffs"] = new JsonArray(Taus.Select(t => (JsonNode?)new JsonObject
        {
            ["tau"] = t,
            ["k"] = s.CutoffIndex(t),
            ["s"] = double.IsFinite(s.GridFactorForThreshold(t)) ? s.GridFactorForThreshold(t) : null,
        }).ToArray()),
        ["radialProfile"] = new JsonArray(s.RadialProfile().Select(p => (JsonNode?)p).ToArray()),
    };

    private static string ToText(LabelSpectrum s)
    {
        var w = new StringWriter();
        w.WriteLine($"{s.ImageCount} label map(s) of {s.Height}x{s.Width}, {s.NumClasses} classes, " +
                    $"ignore index {(s.IgnoreIndex >= 0 ? s.IgnoreIndex.ToString() : "none")} (void = zero vector)");
        w.WriteLine();
        w.WriteLine("cut-offs (smallest K with E(K) >= tau; grid factor s* = H/(2K*))");
        foreach (var t in Taus)
            w.WriteLine($"  tau {t:F2}   K* {s.CutoffIndex(t),4}   s* {s.GridFactorForThreshold(t),7:F2}");
        w.WriteLine();
        w.WriteLine("energy ratio E(K) (box band |u| <= K, |v| <= K*W/H)");
        var curve = s.EnergyRatioCurve();
        foreach (var k in KSamples(curve.Length - 1))
            w.WriteLine($"  K {k,4}   E {curve[k]:F4}");
        w.WriteLine();
        w.WriteLine("radial profile (ring r = floor(rho), pooled sum of |Y_c|^2, share of total)");
        var profile = s.RadialProfile();
        var total = profile.Sum();
        for (var r = 0; r < profile.Length; r++)
            w.WriteLine($"  r {r,4}   {profile[r],14:E4}   {profile[r] / total:F6}");
        return w.ToString().TrimEnd();
    }

    private static IEnumerable<int> KSamples(int maxK) =>
        new[] { 0, 1, 2, 4, 8, 16, 32, 64, 128 }.Where(k => k < maxK).Append(maxK);
}
