using ResearchKit.Data;

namespace ResearchKit.Labels;

/// <summary>What one down-sampling rule keeps of a set of label maps at one factor (soft-labelling spec 3.3), pooled
/// over the maps: TV distance D to the box histogram, per-class retention R_c and coverage.</summary>
/// <remarks>T is the rule's target (<see cref="SoftLabels.Downsample"/>, <see cref="SoftVoidHandling.KeepMass"/>), B the
/// <see cref="LabelDownsampling.SoftBox"/> histogram of the same s×s block. D = mean of ½·Σ_c |T[c,p] − B[c,p]| over
/// output pixels whose block holds a labelled pixel; R_c = s²·Σ_p T[c,p] / Σ_q O[c,q]; coverage_c = share of the
/// output pixels with B[c,p] &gt; 0 where T[c,p] &gt; 0.</remarks>
public sealed class DownsamplingFidelity
{
    private readonly double[] _kept, _source;
    private readonly long[] _present, _covered;
    private double _tvSum;
    private long _labelledPixels;

    /// <summary>An empty accumulator for <paramref name="rule"/> at <paramref name="factor"/>.</summary>
    public DownsamplingFidelity(LabelDownsampling rule, int factor, int numClasses, int ignoreIndex)
    {
        (Rule, Factor, NumClasses, IgnoreIndex) = (rule, factor, numClasses, ignoreIndex);
        _kept = new double[numClasses];
        _source = new double[numClasses];
        _present = new long[numClasses];
        _covered = new long[numClasses];
    }

    /// <summary>The rule measured.</summary>
    public LabelDownsampling Rule { get; }

    /// <summary>The integer factor s.</summary>
    public int Factor { get; }

    /// <summary>Classes C.</summary>
    public int NumClasses { get; }

    /// <summary>The void id.</summary>
    public int IgnoreIndex { get; }

    /// <summary>Label maps added.</summary>
    public int Images { get; private set; }

    /// <summary>D(s): the mean TV distance to the box histogram over output pixels whose block holds a labelled pixel.</summary>
    public double TvDistance => _labelledPixels == 0 ? double.NaN : _tvSum / _labelledPixels;

    /// <summary>R_c: the class mass kept, relative to the source (1 = unbiased); NaN if class <paramref name="c"/> never occurs.</summary>
    public double Retention(int c) => _source[c] == 0 ? double.NaN : Factor * Factor * _kept[c] / _source[c];

    /// <summary>Coverage of class <paramref name="c"/>: the share of the blocks holding it where the target keeps it; NaN if it never occurs.</summary>
    public double Coverage(int c) => _present[c] == 0 ? double.NaN : (double)_covered[c] / _present[c];

    /// <summary>Adds one label map.</summary>
    public void Add(LabelMap label) => Add(label, SoftLabels.Downsample(label, Factor, LabelDownsampling.SoftBox, NumClasses, IgnoreIndex));

    // Adds one label map whose box histogram at this factor is <paramref name="box"/> (shared by every rule's measure).
    private void Add(LabelMap label, SoftLabelMap box)
    {
        var t = Rule == LabelDownsampling.SoftBox ? box : SoftLabels.Downsample(label, Factor, Rule, NumClasses, IgnoreIndex);
        var plane = t.Height * t.Width;
        for (var p = 0; p < plane; p++)
        {
            double tv = 0, mass = 0;
            for (var c = 0; c < NumClasses; c++)
            {
                float tc = t.Data[c * plane + p], bc = box.Data[c * plane + p];
                tv += Math.Abs(tc - bc);
                mass += bc;
                _kept[c] += tc;
                if (bc <= 0) continue;
                _present[c]++;
                if (tc > 0) _covered[c]++;
            }
            if (mass <= 0) continue;
            _tvSum += 0.5 * tv;
            _labelledPixels++;
        }
        foreach (var id in label.Data)
            if (id < NumClasses) _source[id]++;
        Images++;
    }

    /// <summary>The measures of every rule in <paramref name="rules"/> at every factor in <paramref name="factors"/> over
    /// <paramref name="labels"/>, rule-major.</summary>
    /// <remarks>The labels are measured in fixed chunks on up to <paramref name="threads"/> threads, each chunk into its own
    /// measures, which are then summed in chunk order: the result does not depend on the thread count or the scheduling.
    /// The box histogram of a label at a factor is computed once and shared by every rule (it is also the reference of
    /// each), which took NB06's 367 train labels × six rules × three factors from 33 to 18 down-samplings per label.</remarks>
    public static DownsamplingFidelity[] Measure(IReadOnlyList<LabelMap> labels, IReadOnlyList<LabelDownsampling> rules,
        IReadOnlyList<int> factors, int numClasses, int ignoreIndex, int threads = 2)
    {
        const int chunk = 8;
        DownsamplingFidelity[] Empty() => rules.SelectMany(r => factors.Select(f => new DownsamplingFidelity(r, f, numClasses, ignoreIndex))).ToArray();
        var parts = new DownsamplingFidelity[(labels.Count + chunk - 1) / chunk][];
        Parallel.For(0, parts.Length, new ParallelOptions { MaxDegreeOfParallelism = threads }, k =>
        {
            var part = Empty();
            for (var i = k * chunk; i < Math.Min(labels.Count, (k + 1) * chunk); i++)
                foreach (var f in factors)
                {
                    var box = SoftLabels.Downsample(labels[i], f, LabelDownsampling.SoftBox, numClasses, ignoreIndex);
                    foreach (var m in part.Where(m => m.Factor == f)) m.Add(labels[i], box);
                }
            parts[k] = part;
        });
        var all = Empty();
        foreach (var part in parts)
            for (var j = 0; j < all.Length; j++) all[j].Merge(part[j]);
        return all;
    }

    // Adds the sums of <paramref name="other"/> (the same rule and factor, other labels) to these.
    private void Merge(DownsamplingFidelity other)
    {
        for (var c = 0; c < NumClasses; c++)
        {
            _kept[c] += other._kept[c];
            _source[c] += other._source[c];
            _present[c] += other._present[c];
            _covered[c] += other._covered[c];
        }
        _tvSum += other._tvSum;
        _labelledPixels += other._labelledPixels;
        Images += other.Images;
    }
}
