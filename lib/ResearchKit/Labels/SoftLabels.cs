using ResearchKit.Data;

namespace ResearchKit.Labels;

/// <summary>Training targets T of a label map down-sampled by an integer factor with any <see cref="LabelDownsampling"/>
/// rule (soft-labelling spec 2.2-2.3): a soft rule's class distribution, or a hard rule's one-hot, void the zero vector.</summary>
public static class SoftLabels
{
    /// <summary>The [C, H/s, W/s] targets of <paramref name="label"/>: S[c,p] = Σ_q w_y·w_x·O[c,q] for a soft rule (then
    /// <paramref name="voidHandling"/>), the one-hot of <see cref="LabelDownsampler.Downsample"/> for a hard rule.</summary>
    /// <remarks>The factor must divide both sides of the label map (refused otherwise, naming the sizes).</remarks>
    public static SoftLabelMap Downsample(LabelMap label, int factor, LabelDownsampling rule, int numClasses, int ignoreIndex,
        SoftVoidHandling voidHandling = SoftVoidHandling.KeepMass)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (!rule.IsSoft())
            return OneHot(LabelDownsampler.Downsample(label, factor, rule, numClasses, ignoreIndex), numClasses);
        LabelDownsampler.Check(label, factor, numClasses, ignoreIndex);
        var soft = rule == LabelDownsampling.SoftBox
            ? Box(label, factor, numClasses)
            : Separable(label, Weights1D(rule, label.Height, factor), Weights1D(rule, label.Width, factor), numClasses);
        if (voidHandling == SoftVoidHandling.Renormalise) Renormalise(soft);
        return soft;
    }

    /// <summary>The one-hot [C,H,W] of <paramref name="label"/>; ids ≥ <paramref name="numClasses"/> (void) get the zero vector.</summary>
    public static SoftLabelMap OneHot(LabelMap label, int numClasses)
    {
        ArgumentNullException.ThrowIfNull(label);
        var plane = label.Height * label.Width;
        var data = new float[numClasses * plane];
        for (var q = 0; q < plane; q++)
            if (label.Data[q] < numClasses) data[label.Data[q] * plane + q] = 1f;
        return new SoftLabelMap(numClasses, label.Height, label.Width, data);
    }

    /// <summary>The 1-D weights of soft rule <paramref name="rule"/> from <paramref name="inSize"/> pixels down by
    /// <paramref name="factor"/>: for each output j, the first source index and the weights from there on.</summary>
    public static (int Start, double[] Weights)[] Weights1D(LabelDownsampling rule, int inSize, int factor)
    {
        var outSize = inSize / factor;
        double sigma = (double)inSize / outSize;
        var taps = new (int, double[])[outSize];
        for (var j = 0; j < outSize; j++)
            taps[j] = rule switch
            {
                LabelDownsampling.SoftBox => (j * factor, Enumerable.Repeat(1.0 / factor, factor).ToArray()),
                LabelDownsampling.SoftBilinear => Bilinear(j, sigma, inSize),
                LabelDownsampling.SoftBilinearAA => BilinearAA(j, sigma, inSize),
                _ => throw new ArgumentException($"{rule} is a hard rule: it has no soft weights"),
            };
        return taps;
    }

    private static (int, double[]) Bilinear(int j, double sigma, int inSize)
    {
        var x = Math.Max((j + 0.5) * sigma - 0.5, 0);
        var i0 = (int)Math.Floor(x);
        var i1 = Math.Min(i0 + 1, inSize - 1);
        var frac = x - i0;
        return i1 == i0 ? (i0, [1.0]) : (i0, [1 - frac, frac]);
    }

    private static (int, double[]) BilinearAA(int j, double sigma, int inSize)
    {
        var centre = (j + 0.5) * sigma;
        var lo = Math.Max(0, (int)Math.Floor(centre - sigma + 0.5));
        var hi = Math.Min(inSize, (int)Math.Floor(centre + sigma + 0.5));
        var w = new double[hi - lo];
        for (var i = lo; i < hi; i++) w[i - lo] = Math.Max(0, 1 - Math.Abs((i - centre + 0.5) / sigma));
        var sum = w.Sum();
        for (var k = 0; k < w.Length; k++) w[k] /= sum;
        return (lo, w);
    }

    // The class histogram of each s×s block by counting: exact k/s² values.
    private static SoftLabelMap Box(LabelMap label, int s, int numClasses)
    {
        int h = label.Height / s, w = label.Width / s, plane = h * w;
        var counts = new int[numClasses * plane];
        for (var m = 0; m < label.Height; m++)
        {
            var row = (m / s) * w;
            for (var n = 0; n < label.Width; n++)
            {
                var id = label.Data[m * label.Width + n];
                if (id < numClasses) counts[id * plane + row + n / s]++;
            }
        }
        var data = new float[counts.Length];
        var inv = 1.0 / (s * s);
        for (var k = 0; k < counts.Length; k++) data[k] = (float)(counts[k] * inv);
        return new SoftLabelMap(numClasses, h, w, data);
    }

    // Along x per row into [C, H, w], then along y into [C, h, w], in double; one cast to float at the end.
    private static SoftLabelMap Separable(LabelMap label, (int Start, double[] W)[] wy, (int Start, double[] W)[] wx, int numClasses)
    {
        int inH = label.Height, inW = label.Width, h = wy.Length, w = wx.Length;
        var rows = new double[numClasses * inH * w];
        for (var m = 0; m < inH; m++)
            for (var b = 0; b < w; b++)
            {
                var (start, weights) = wx[b];
                for (var k = 0; k < weights.Length; k++)
                {
                    var id = label.Data[m * inW + start + k];
                    if (id < numClasses) rows[(id * inH + m) * w + b] += weights[k];
                }
            }
        var data = new float[numClasses * h * w];
        for (var c = 0; c < numClasses; c++)
            for (var a = 0; a < h; a++)
            {
                var (start, weights) = wy[a];
                for (var b = 0; b < w; b++)
                {
                    double v = 0;
                    for (var k = 0; k < weights.Length; k++) v += weights[k] * rows[(c * inH + start + k) * w + b];
                    data[(c * h + a) * w + b] = (float)v;
                }
            }
        return new SoftLabelMap(numClasses, h, w, data);
    }

    private static void Renormalise(SoftLabelMap t)
    {
        var plane = t.Height * t.Width;
        for (var p = 0; p < plane; p++)
        {
            double m = 0;
            for (var c = 0; c < t.NumClasses; c++) m += t.Data[c * plane + p];
            if (m <= 0) continue;
            for (var c = 0; c < t.NumClasses; c++) t.Data[c * plane + p] = (float)(t.Data[c * plane + p] / m);
        }
    }
}
