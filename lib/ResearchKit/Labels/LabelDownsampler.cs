using ResearchKit.Data;

namespace ResearchKit.Labels;

/// <summary>Down-samples label maps by an integer factor with a hard <see cref="LabelDownsampling"/> rule, and replicates
/// them back; soft rules are <see cref="SoftLabels"/>.</summary>
public static class LabelDownsampler
{
    /// <summary>The (H/s)×(W/s) label map that <paramref name="rule"/> gives; void stays <paramref name="ignoreIndex"/>.</summary>
    public static LabelMap Downsample(LabelMap label, int factor, LabelDownsampling rule, int numClasses, int ignoreIndex)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (rule.IsSoft())
            throw new ArgumentException($"{rule} is a soft rule: its output is a class distribution (SoftLabels.Downsample), not a label map");
        Check(label, factor, numClasses, ignoreIndex);
        int outH = label.Height / factor, outW = label.Width / factor;
        var data = new byte[outH * outW];
        for (var a = 0; a < outH; a++)
        for (var b = 0; b < outW; b++)
        {
            data[a * outW + b] = rule switch
            {
                // ⌊(j+0.5)·s⌋ = j·s + ⌊s/2⌋ for an integer s.
                LabelDownsampling.NearestCentre => label[a * factor + factor / 2, b * factor + factor / 2],
                LabelDownsampling.NearestTopLeft => label[a * factor, b * factor],
                LabelDownsampling.Majority => BlockMajority(label, a, b, factor, numClasses, ignoreIndex),
                _ => throw new ArgumentException($"Unknown label down-sampling rule {rule}."),
            };
        }
        return new LabelMap(outH, outW, data);
    }

    /// <summary>The (H·s)×(W·s) map where every pixel repeats its s×s block's label (block-aligned nearest up-sampling).</summary>
    public static LabelMap Replicate(LabelMap label, int factor)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (factor < 1) throw new ArgumentException($"Replication factor must be at least 1, got {factor}.");
        int outH = label.Height * factor, outW = label.Width * factor;
        var data = new byte[outH * outW];
        for (var m = 0; m < outH; m++)
        for (var n = 0; n < outW; n++)
            data[m * outW + n] = label[m / factor, n / factor];
        return new LabelMap(outH, outW, data);
    }

    private static byte BlockMajority(LabelMap label, int a, int b, int factor, int numClasses, int ignoreIndex)
    {
        Span<int> counts = stackalloc int[numClasses];
        for (var m = a * factor; m < (a + 1) * factor; m++)
        for (var n = b * factor; n < (b + 1) * factor; n++)
        {
            var id = label[m, n];
            if (id < numClasses) counts[id]++;
        }
        int best = -1, bestCount = 0;
        // Strictly greater keeps the lowest id on ties.
        for (var c = 0; c < numClasses; c++)
            if (counts[c] > bestCount) (best, bestCount) = (c, counts[c]);
        return best >= 0 ? (byte)best : (byte)ignoreIndex;
    }

    /// <summary>Throws unless <paramref name="factor"/> divides both sides and every id is a class or <paramref name="ignoreIndex"/>.</summary>
    internal static void Check(LabelMap label, int factor, int numClasses, int ignoreIndex)
    {
        CheckFactor(label, factor);
        CheckIds(label, numClasses, ignoreIndex);
    }

    private static void CheckFactor(LabelMap label, int factor)
    {
        if (factor < 1) throw new ArgumentException($"Down-sampling factor must be at least 1, got {factor}.");
        if (label.Height % factor != 0 || label.Width % factor != 0)
            throw new ArgumentException($"Down-sampling factor {factor} does not divide the {label.Height}x{label.Width} label map.");
    }

    private static void CheckIds(LabelMap label, int numClasses, int ignoreIndex)
    {
        if (numClasses < 1 || numClasses > 256) throw new ArgumentException($"numClasses must be in 1..256, got {numClasses}.");
        for (var p = 0; p < label.Data.Length; p++)
        {
            var id = label.Data[p];
            if (id >= numClasses && id != ignoreIndex)
                throw new ArgumentException(
                    $"Label id {id} at row {p / label.Width}, column {p % label.Width} is neither a class 0..{numClasses - 1} nor ignoreIndex {ignoreIndex}.");
        }
    }
}
