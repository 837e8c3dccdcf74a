using System.Collections.Concurrent;

namespace ResearchKit.Spectral;

/// <summary>Band membership, ring bins and mirror weights of the half plane [H, W/2+1] of an H×W real map.</summary>
/// <remarks>Spec 2.2-2.4. A half-plane column v stands for itself and its mirror W−v, so it weighs 2 except
/// v = 0 and (even W) the Nyquist column v = W/2. Every band used here is symmetric under (u,v) → (−u,−v), so
/// weighted half-plane sums equal full-plane sums.</remarks>
internal sealed class SpectralGrid
{
    private static readonly ConcurrentDictionary<(int, int), SpectralGrid> Cache = new();

    private SpectralGrid(int height, int width)
    {
        Height = height;
        Width = width;
        HalfWidth = width / 2 + 1;
        Count = height * HalfWidth;
        KMin = new int[Count];
        RadialBin = new int[Count];
        Weight = new double[Count];
        for (var u = 0; u < height; u++)
        {
            var au = AbsU(u);
            for (var v = 0; v < HalfWidth; v++)
            {
                var i = u * HalfWidth + v;
                // Smallest integer K with |u~| <= K and |v~|·H <= K·W.
                KMin[i] = Math.Max(au, (int)(((long)v * height + width - 1) / width));
                var rho = Math.Sqrt((double)au * au + Math.Pow((double)v * height / width, 2));
                RadialBin[i] = (int)Math.Floor(rho + 1e-12);
                Weight[i] = v == 0 || (width % 2 == 0 && v == width / 2) ? 1.0 : 2.0;
            }
        }
        MaxK = KMin.Max();
        BinCount = RadialBin.Max() + 1;
    }

    public int Height { get; }
    public int Width { get; }
    public int HalfWidth { get; }
    public int Count { get; }

    /// <summary>Per element: the smallest K whose box band B_K contains it.</summary>
    public int[] KMin { get; }

    /// <summary>Per element: ⌊ρ⌋ with ρ = sqrt(u~² + (v~·H/W)²).</summary>
    public int[] RadialBin { get; }

    /// <summary>Per element: 1 or 2, how many full-plane coefficients the half-plane element stands for.</summary>
    public double[] Weight { get; }

    /// <summary>The smallest K whose band covers the whole plane.</summary>
    public int MaxK { get; }

    /// <summary>Number of radial bins.</summary>
    public int BinCount { get; }

    /// <summary>The shared grid of an H×W map.</summary>
    public static SpectralGrid For(int height, int width) => Cache.GetOrAdd((height, width), k => new SpectralGrid(k.Item1, k.Item2));

    /// <summary>|u~| = min(u, H−u).</summary>
    public int AbsU(int u) => Math.Min(u, Height - u);

    /// <summary>Whether element i lies in the grid band B(s): 2s|u~| ≤ H and 2s|v~| ≤ W, compared as reals.</summary>
    public bool InGridBand(int i, double gridFactor)
    {
        int u = i / HalfWidth, v = i % HalfWidth;
        return 2.0 * gridFactor * AbsU(u) <= Height && 2.0 * gridFactor * v <= Width;
    }

    /// <summary>In-band sums of the weighted power for K = 0..MaxK (entry K = Σ over B_K).</summary>
    public double[] CumulativeByK(ReadOnlySpan<double> power)
    {
        var byK = new double[MaxK + 1];
        for (var i = 0; i < Count; i++) byK[KMin[i]] += Weight[i] * power[i];
        for (var k = 1; k <= MaxK; k++) byK[k] += byK[k - 1];
        return byK;
    }

    /// <summary>Weighted power summed over B(s).</summary>
    public double SumInGridBand(ReadOnlySpan<double> power, double gridFactor)
    {
        var sum = 0.0;
        for (var i = 0; i < Count; i++)
            if (InGridBand(i, gridFactor)) sum += Weight[i] * power[i];
        return sum;
    }

    /// <summary>Weighted power summed per ring ⌊ρ⌋, added into <paramref name="profile"/> (length BinCount).</summary>
    public void AddRadial(ReadOnlySpan<double> power, Span<double> profile)
    {
        for (var i = 0; i < Count; i++) profile[RadialBin[i]] += Weight[i] * power[i];
    }

    /// <summary>K clamped to MaxK (every larger K is the whole plane); throws for a negative K.</summary>
    public int ClampK(int k) =>
        k >= 0 ? Math.Min(k, MaxK) : throw new ArgumentException($"Band index K must be non-negative, got {k}.");
}
