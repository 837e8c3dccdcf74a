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
    public void Add(LabelMap label)
    {
        var t = SoftLabels.Downsample(label, Factor, Rule, NumClasses, IgnoreIndex);
        var box = Rule == LabelDownsampling.SoftBox ? t : SoftLabels.Downsample(label, Factor, LabelDownsampling.SoftBox, NumClasses, IgnoreIndex);
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
    /// <paramref name="labels"/>, rule-major; the (rule, factor) pairs run in parallel.</summary>
    public static DownsamplingFidelity[] Measure(IReadOnlyList<LabelMap> labels, IReadOnlyList<LabelDownsampling> rules,
        IReadOnlyList<int> factors, int numClasses, int ignoreIndex, int threads = 2)
    {
        var all = rules.SelectMany(r => factors.Select(f => new DownsamplingFidelity(r, f, numClasses, ignoreIndex))).ToArray();
        Parallel.ForEach(all, new ParallelOptions { MaxDegreeOfParallelism = threads }, m =>
        {
            foreach (var label in labels) m.Add(label);
        });
        return all;
    }
}
