using System.Numerics;
using ResearchKit.Data;

namespace ResearchKit.Spectral;

public sealed partial class LabelSpectrum
{
    /// <summary>E(K): pooled share of label energy inside the box band B_K = {|u~| ≤ K, |v~| ≤ K·W/H}.</summary>
    public double EnergyRatioAt(int k) => EnergyRatioCurve()[_grid.ClampK(k)];

    /// <summary>E(K) for K = 0..<see cref="MaxK"/> (spec 2.4), all channels pooled.</summary>
    public double[] EnergyRatioCurve()
    {
        var power = PooledPower();
        var total = new double[_grid.MaxK + 1];
        for (var c = 0; c < Channels; c++)
        {
            var byK = _grid.CumulativeByK(power.Slice(c * _grid.Count, _grid.Count));
            for (var k = 0; k < total.Length; k++) total[k] += byK[k];
        }
        return Divide(total, PooledDenominator);
    }

    /// <summary>E(s): pooled share of label energy inside the grid band B(s) of grid factor s (s may be fractional, e.g. s*).</summary>
    public double EnergyRatioForGrid(double gridFactor)
    {
        CheckGridFactor(gridFactor);
        var power = PooledPower();
        var sum = 0.0;
        for (var c = 0; c < Channels; c++) sum += _grid.SumInGridBand(power.Slice(c * _grid.Count, _grid.Count), gridFactor);
        return sum / PooledDenominator;
    }

    /// <summary>E_c(K): the same ratio for one channel alone, over its own energy N·n_c.</summary>
    public double ClassEnergyRatioAt(int channel, int k) => ClassEnergyRatioCurve(channel)[_grid.ClampK(k)];

    /// <summary>E_c(K) for K = 0..<see cref="MaxK"/>; NaN when the class never occurs.</summary>
    public double[] ClassEnergyRatioCurve(int channel)
    {
        CheckChannel(channel);
        var byK = _grid.CumulativeByK(PooledPower().Slice(channel * _grid.Count, _grid.Count));
        return Divide(byK, (double)Height * Width * _counts[channel]);
    }

    /// <summary>E_c(s): one channel's share of its energy inside B(s); NaN when the class never occurs.</summary>
    public double ClassEnergyRatioForGrid(int channel, double gridFactor)
    {
        CheckChannel(channel);
        CheckGridFactor(gridFactor);
        var inBand = _grid.SumInGridBand(PooledPower().Slice(channel * _grid.Count, _grid.Count), gridFactor);
        return inBand / ((double)Height * Width * _counts[channel]);
    }

    /// <summary>K*(τ): the smallest integer K with E(K) ≥ τ (spec 2.4).</summary>
    public int CutoffIndex(double tau)
    {
        if (!(tau > 0 && tau <= 1)) throw new ArgumentException($"Threshold tau must be in (0,1], got {tau}.");
        var curve = EnergyRatioCurve();
        for (var k = 0; k < curve.Length; k++)
            if (curve[k] >= tau) return k;
        // Single-precision FFT can leave E just below 1 on the full plane; the full band holds all energy by definition.
        return curve.Length - 1;
    }

    /// <summary>s*(τ) = H/(2K*): the coarsest grid factor whose band reaches τ; +∞ when K* = 0.</summary>
    public double GridFactorForThreshold(double tau)
    {
        var k = CutoffIndex(tau);
        return k == 0 ? double.PositiveInfinity : Height / (2.0 * k);
    }

    /// <summary>Pooled Σ_c |Y_c|² per ring ⌊ρ⌋, ρ = sqrt(u~² + (v~·H/W)²) (spec 2.4, for plots).</summary>
    public double[] RadialProfile()
    {
        var power = PooledPower();
        var profile = new double[_grid.BinCount];
        for (var c = 0; c < Channels; c++) _grid.AddRadial(power.Slice(c * _grid.Count, _grid.Count), profile);
        return profile;
    }

    /// <summary>Pooled |Y_c|² of one channel per ring ⌊ρ⌋.</summary>
    public double[] ClassRadialProfile(int channel)
    {
        CheckChannel(channel);
        var profile = new double[_grid.BinCount];
        _grid.AddRadial(PooledPower().Slice(channel * _grid.Count, _grid.Count), profile);
        return profile;
    }

    /// <summary>The fftshifted map log(1 + |Y_c|) [H,W] of one class in one label map, for heatmaps.</summary>
    public static double[] LogMagnitudeMap(LabelMap label, int classId)
    {
        ArgumentNullException.ThrowIfNull(label);
        var oneHot = new double[label.Data.Length];
        for (var p = 0; p < oneHot.Length; p++) oneHot[p] = label.Data[p] == classId ? 1.0 : 0.0;
        var full = Fft2D.ExpandHalfPlane(Fft2D.ForwardReal(oneHot, label.Height, label.Width), label.Height, label.Width);
        var logMagnitude = full.Select(y => Math.Log(1.0 + Complex.Abs(y))).ToArray();
        return Fft2D.FftShift<double>(logMagnitude, label.Height, label.Width);
    }

    private static double[] Divide(double[] values, double denominator)
    {
        for (var i = 0; i < values.Length; i++) values[i] /= denominator;
        return values;
    }

    private static void CheckGridFactor(double gridFactor)
    {
        if (!(gridFactor >= 1) || double.IsPositiveInfinity(gridFactor))
            throw new ArgumentException($"Grid factor s must be a finite number ≥ 1, got {gridFactor}.");
    }
}
