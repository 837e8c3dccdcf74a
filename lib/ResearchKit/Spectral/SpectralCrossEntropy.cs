using System.Numerics;
using ResearchKit.Data;

namespace ResearchKit.Spectral;

/// <summary>Cross-entropy of one label map and its logits, spatially and as a spectral sum, truncated to B_K with its bounds (spec 2.5).</summary>
/// <remarks>Double precision throughout. Void pixels get the zero vector and CE is averaged over the N_v valid pixels:
/// CE = −(1/N_v) Σ_c Σ y_c·ℓ_c = −(1/(N·N_v)) Σ_c Σ_{u,v} Re(Y_c·conj(L_c)), with ℓ_c = log max(p_c, ε), ε = 1e-7.
/// CE_K keeps the band B_K; R_K = CE − CE_K.</remarks>
public sealed class SpectralCrossEntropy
{
    /// <summary>The clamp ε in ℓ_c = log max(p_c, ε).</summary>
    public const double Epsilon = 1e-7;

    private readonly LabelMap _label;
    private readonly SpectralGrid _grid;
    private readonly double[] _logProb;  // [C,H,W]
    private readonly Complex[][] _y;     // per class, half plane
    private readonly double[][] _crossByK, _yPowerByK, _lPowerByK;

    /// <summary>Computes ℓ, Y_c and L_c for <paramref name="label"/> and <paramref name="logits"/> [C,H,W] at full resolution.</summary>
    public SpectralCrossEntropy(LabelMap label, double[] logits, int numClasses, int ignoreIndex)
    {
        ArgumentNullException.ThrowIfNull(label);
        ArgumentNullException.ThrowIfNull(logits);
        int h = label.Height, w = label.Width, n = h * w;
        if (logits.Length != numClasses * n)
            throw new ArgumentException($"Logits need numClasses*H*W = {numClasses}*{h}*{w} values, got {logits.Length}.");
        OneHotTransformer.CheckClasses(numClasses, ignoreIndex);
        _label = label;
        _grid = SpectralGrid.For(h, w);
        NumClasses = numClasses;
        ValidPixels = CountValid(label, numClasses, ignoreIndex);
        _logProb = LogSoftmaxClamped(logits, numClasses, n);
        _y = new Complex[numClasses][];
        _crossByK = new double[numClasses][];
        _yPowerByK = new double[numClasses][];
        _lPowerByK = new double[numClasses][];
        for (var c = 0; c < numClasses; c++) TransformClass(c);
        MaxAbsLogProbability = _logProb.Max(Math.Abs);
    }

    /// <summary>Number of classes C.</summary>
    public int NumClasses { get; }

    /// <summary>N_v: pixels whose label is a class (not void).</summary>
    public int ValidPixels { get; }

    /// <summary>max |ℓ_c[m,n]| over all classes and pixels (the tight λ of the corollary bound).</summary>
    public double MaxAbsLogProbability { get; }

    /// <summary>CE summed in pixel space: −(1/N_v) Σ_c Σ_{m,n} y_c·ℓ_c.</summary>
    public double Spatial
    {
        get
        {
            var n = _label.Data.Length;
            var sum = 0.0;
            for (var p = 0; p < n; p++)
            {
                var id = _label.Data[p];
                if (id < NumClasses) sum += _logProb[id * n + p];
            }
            return -sum / ValidPixels;
        }
    }

    /// <summary>CE by Parseval: −(1/(N·N_v)) Σ_c Σ_{all u,v} Re(Y_c·conj(L_c)).</summary>
    public double Spectral => Truncated(_grid.MaxK);

    /// <summary>CE_K: the spectral sum restricted to the box band B_K.</summary>
    public double Truncated(int k)
    {
        k = _grid.ClampK(k);
        var sum = 0.0;
        for (var c = 0; c < NumClasses; c++) sum += _crossByK[c][k];
        return -sum / ((double)_label.Data.Length * ValidPixels);
    }

    /// <summary>R_K = CE − CE_K (CE in its spectral form, so R vanishes exactly once B_K covers the plane).</summary>
    public double Remainder(int k) => Spectral - Truncated(k);

    /// <summary>E(K) of this label alone: Σ_c Σ_{B_K} |Y_c|² / (N·N_v).</summary>
    public double EnergyRatioAt(int k)
    {
        k = _grid.ClampK(k);
        var sum = 0.0;
        for (var c = 0; c < NumClasses; c++) sum += _yPowerByK[c][k];
        return sum / ((double)_label.Data.Length * ValidPixels);
    }

    /// <summary>The Cauchy–Schwarz bound (1/(N·N_v)) Σ_c ‖Y_c‖·‖L_c‖ over the complement of B_K; it bounds |R_K|.</summary>
    public double CauchySchwarzBound(int k)
    {
        k = _grid.ClampK(k);
        var sum = 0.0;
        for (var c = 0; c < NumClasses; c++)
        {
            var yOut = Math.Max(0, _yPowerByK[c][_grid.MaxK] - _yPowerByK[c][k]);
            var lOut = Math.Max(0, _lPowerByK[c][_grid.MaxK] - _lPowerByK[c][k]);
            sum += Math.Sqrt(yOut * lOut);
        }
        return sum / ((double)_label.Data.Length * ValidPixels);
    }

    /// <summary>The loose corollary bound λ·sqrt(C·(1 − E(K))·N/N_v) with λ = |log ε|.</summary>
    public double CorollaryBound(int k) => CorollaryBound(k, -Math.Log(Epsilon));

    /// <summary>The corollary bound with a given λ ≥ max |ℓ_c| (e.g. <see cref="MaxAbsLogProbability"/>).</summary>
    public double CorollaryBound(int k, double lambda)
    {
        var residual = Math.Max(0, 1 - EnergyRatioAt(k));
        return lambda * Math.Sqrt(NumClasses * residual * _label.Data.Length / ValidPixels);
    }

    /// <summary>CE_K in pixel space: −(1/N_v) Σ_c Σ_{m,n} (P_K y_c)·ℓ_c, with P_K the ideal low-pass onto B_K.</summary>
    /// <remarks>B_K is symmetric under (u,v) → (−u,−v), so P_K y_c is real: it is the inverse real DFT of the masked half
    /// plane (on the half plane |v| is v itself).</remarks>
    public double PixelSpaceTruncated(int k)
    {
        k = _grid.ClampK(k);
        int h = _label.Height, w = _label.Width, n = h * w, hw = Fft2D.HalfWidth(w);
        var sum = 0.0;
        var masked = new Complex[h * hw];
        for (var c = 0; c < NumClasses; c++)
        {
            for (var u = 0; u < h; u++)
            {
                long au = Math.Min(u, h - u);
                for (var v = 0; v < hw; v++)
                    masked[u * hw + v] = au > k || (long)v * h > (long)k * w ? Complex.Zero : _y[c][u * hw + v];
            }
            var lowPassed = Fft2D.InverseReal(masked, h, w);
            for (var p = 0; p < n; p++) sum += lowPassed[p] * _logProb[c * n + p];
        }
        return -sum / ValidPixels;
    }

    private void TransformClass(int c)
    {
        int h = _label.Height, w = _label.Width, n = h * w;
        var oneHot = new double[n];
        for (var p = 0; p < n; p++) oneHot[p] = _label.Data[p] == c ? 1.0 : 0.0;
        _y[c] = Fft2D.ForwardReal(oneHot, h, w);
        var l = Fft2D.ForwardReal(_logProb.AsSpan(c * n, n), h, w);
        var cross = new double[_grid.Count];
        var yPower = new double[_grid.Count];
        var lPower = new double[_grid.Count];
        for (var i = 0; i < _grid.Count; i++)
        {
            var yi = _y[c][i];
            cross[i] = yi.Real * l[i].Real + yi.Imaginary * l[i].Imaginary;  // Re(Y·conj(L))
            yPower[i] = yi.Real * yi.Real + yi.Imaginary * yi.Imaginary;
            lPower[i] = l[i].Real * l[i].Real + l[i].Imaginary * l[i].Imaginary;
        }
        _crossByK[c] = _grid.CumulativeByK(cross);
        _yPowerByK[c] = _grid.CumulativeByK(yPower);
        _lPowerByK[c] = _grid.CumulativeByK(lPower);
    }

    private static double[] LogSoftmaxClamped(double[] logits, int numClasses, int n)
    {
        var logProb = new double[logits.Length];
        var logEps = Math.Log(Epsilon);
        for (var p = 0; p < n; p++)
        {
            var max = double.NegativeInfinity;
            for (var c = 0; c < numClasses; c++) max = Math.Max(max, logits[c * n + p]);
            var sumExp = 0.0;
            for (var c = 0; c < numClasses; c++) sumExp += Math.Exp(logits[c * n + p] - max);
            var logSum = max + Math.Log(sumExp);
            // log max(p, ε) = max(log p, log ε): the clamp keeps ℓ bounded by |log ε|.
            for (var c = 0; c < numClasses; c++) logProb[c * n + p] = Math.Max(logits[c * n + p] - logSum, logEps);
        }
        return logProb;
    }

    private static int CountValid(LabelMap label, int numClasses, int ignoreIndex)
    {
        var p = OneHotTransformer.FindInvalid(label.Data, numClasses, ignoreIndex);
        if (p >= 0)
            throw new ArgumentException($"Label id {label.Data[p]} at pixel {p} is neither a class 0..{numClasses - 1} nor ignoreIndex {ignoreIndex}.");
        var valid = label.Data.Count(id => id < numClasses);
        return valid > 0 ? valid : throw new ArgumentException("Cross-entropy needs at least one non-void pixel; the label map is all void.");
    }
}
