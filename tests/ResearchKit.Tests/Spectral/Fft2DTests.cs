using System.Numerics;
using ResearchKit.Spectral;

namespace ResearchKit.Tests.Spectral;

public class Fft2DTests
{
    private static double[] RandomReal(int n, int seed)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, n).Select(_ => rng.NextDouble() * 2 - 1).ToArray();
    }

    private static Complex[] NaiveDft(IReadOnlyList<Complex> x, int h, int w, int sign)
    {
        var result = new Complex[h * w];
        for (var u = 0; u < h; u++)
        for (var v = 0; v < w; v++)
        {
            var sum = Complex.Zero;
            for (var m = 0; m < h; m++)
            for (var n = 0; n < w; n++)
                sum += x[m * w + n] * Complex.FromPolarCoordinates(1, sign * 2 * Math.PI * ((double)u * m / h + (double)v * n / w));
            result[u * w + v] = sum;
        }
        return result;
    }

    private static void AssertClose(IReadOnlyList<Complex> expected, IReadOnlyList<Complex> actual, double tol)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
            Assert.True(Complex.Abs(expected[i] - actual[i]) <= tol, $"index {i}: expected {expected[i]}, got {actual[i]}");
    }

    [Theory]
    [InlineData(6, 10)]
    [InlineData(9, 7)]
    [InlineData(1, 5)]
    public void RealForward_MatchesNaiveDftOnNonPowerOfTwoSizes(int h, int w)
    {
        var x = RandomReal(h * w, h * 100 + w);
        var full = Fft2D.ExpandHalfPlane(Fft2D.ForwardReal(x, h, w), h, w);
        AssertClose(NaiveDft(x.Select(v => new Complex(v, 0)).ToArray(), h, w, -1), full, 1e-10);
    }

    [Theory]
    [InlineData(6, 10)]
    [InlineData(9, 7)]
    public void SinglePrecisionForward_MatchesNaiveDftWithinFloatRounding(int h, int w)
    {
        var x = RandomReal(h * w, 7);
        var half = Fft2D.ForwardReal(x.Select(v => (float)v).ToArray(), h, w);
        var expected = NaiveDft(x.Select(v => new Complex((float)v, 0)).ToArray(), h, w, -1);
        AssertClose(expected, Fft2D.ExpandHalfPlane(half, h, w), 1e-5);
    }

    [Fact]
    public void ComplexForward_MatchesNaiveDftOn9x7()
    {
        var re = RandomReal(63, 1);
        var im = RandomReal(63, 2);
        var x = re.Zip(im, (a, b) => new Complex(a, b)).ToArray();
        AssertClose(NaiveDft(x, 9, 7, -1), Fft2D.Forward(x, 9, 7), 1e-10);
    }

    [Theory]
    [InlineData(FftNorm.Backward)]
    [InlineData(FftNorm.Ortho)]
    [InlineData(FftNorm.Forward)]
    public void InverseOfForward_IsTheIdentityUnderEveryNorm(FftNorm norm)
    {
        var re = RandomReal(60, 3);
        var im = RandomReal(60, 4);
        var x = re.Zip(im, (a, b) => new Complex(a, b)).ToArray();
        AssertClose(x, Fft2D.Inverse(Fft2D.Forward(x, 6, 10, norm), 6, 10, norm), 1e-12);
    }

    [Theory]
    [InlineData(6, 10, FftNorm.Backward)]
    [InlineData(9, 7, FftNorm.Ortho)]
    [InlineData(5, 8, FftNorm.Forward)]
    public void InverseReal_OfTheRealForward_IsTheMap_AndTheExpandedPlanesInverse(int h, int w, FftNorm norm)
    {
        var x = RandomReal(h * w, h * 10 + w);
        var half = Fft2D.ForwardReal(x, h, w, norm);
        var back = Fft2D.InverseReal(half, h, w, norm);
        Assert.Equal(h * w, back.Length);
        for (var i = 0; i < x.Length; i++) Assert.Equal(x[i], back[i], 1e-12);
        // a band-limited half plane (the mask symmetric under (u,v) -> (-u,-v)): the full plane's inverse, which is real
        var hw = Fft2D.HalfWidth(w);
        var masked = half.Select((y, i) => (Math.Min(i / hw, h - i / hw) + i % hw) % 3 == 0 ? Complex.Zero : y).ToArray();
        var full = Fft2D.Inverse(Fft2D.ExpandHalfPlane(masked, h, w), h, w, norm);
        var real = Fft2D.InverseReal(masked, h, w, norm);
        for (var i = 0; i < real.Length; i++) Assert.Equal(full[i].Real, real[i], 1e-12);
        Assert.Throws<ArgumentException>(() => Fft2D.InverseReal(half.AsSpan(1), h, w));
    }

    [Fact]
    public void RealForward_SatisfiesParseval()
    {
        var x = RandomReal(63, 5);
        var full = Fft2D.ExpandHalfPlane(Fft2D.ForwardReal(x, 9, 7), 9, 7);
        var spectral = full.Sum(y => y.Real * y.Real + y.Imaginary * y.Imaginary);
        Assert.Equal(63 * x.Sum(v => v * v), spectral, 1e-10);
        var ortho = Fft2D.ExpandHalfPlane(Fft2D.ForwardReal(x, 9, 7, FftNorm.Ortho), 9, 7);
        Assert.Equal(x.Sum(v => v * v), ortho.Sum(y => y.Magnitude * y.Magnitude), 1e-12);
    }

    [Fact]
    public void ForwardNorm_PutsTheMeanAtDc()
    {
        var x = new double[] { 1, 2, 3, 4, 5, 6 };
        Assert.Equal(3.5, Fft2D.ForwardReal(x, 2, 3, FftNorm.Forward)[0].Real, 1e-14);
        Assert.Equal(21, Fft2D.ForwardReal(x, 2, 3)[0].Real, 1e-12);
    }

    [Fact]
    public void FftShift_MovesZeroFrequencyToTheCentreAsNumpyDoes()
    {
        // numpy.fft.fftshift(np.arange(12).reshape(3,4)) = [[10,11,8,9],[2,3,0,1],[6,7,4,5]]
        var shifted = Fft2D.FftShift<int>(Enumerable.Range(0, 12).ToArray(), 3, 4);
        Assert.Equal(new[] { 10, 11, 8, 9, 2, 3, 0, 1, 6, 7, 4, 5 }, shifted);
        Assert.Equal(Enumerable.Range(0, 12), Fft2D.IFftShift<int>(shifted, 3, 4));
    }

    [Fact]
    public void WrongLength_ThrowsNamingTheSize()
    {
        var e = Assert.Throws<ArgumentException>(() => Fft2D.ForwardReal(new double[5], 2, 3));
        Assert.Contains("2x3", e.Message);
    }

    [Fact]
    public void EveryTransform_WhileAnotherThreadCollectsGarbage_GivesTheSameSpectrum()
    {
        // The buffers FFTW runs on are reached only through raw pointers: a collection during the transform must not
        // free them. Before Fft2D kept them alive, 4 to 9 of 300 double transforms of this size came out wrong under
        // this load, or the process died in libfftw3 (as dotnet-interactive's kernel did in NB02).
        const int h = 360, w = 480, runs = 150, minRuns = 40;
        var x = RandomReal(h * w, 11);
        var xf = x.Select(v => (float)v).ToArray();
        var xc = x.Select(v => new Complex(v, -v)).ToArray();
        var (real, single, inverse) = (Fft2D.ForwardReal(x, h, w), Fft2D.ForwardReal(xf, h, w), Fft2D.Inverse(xc, h, w));
        // Full collections back to back (the POH, where the buffers live, is collected only by those). Each costs more
        // as the test host's heap grows, and one run of the suite took 21 minutes here: past 30 s the test stops
        // after the transforms it has done, if they are at least minRuns of each kind.
        var (stop, collections, done) = (0, 0, 0);
        var collector = new Thread(() =>
        {
            while (Volatile.Read(ref stop) == 0)
            {
                GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: false);
                collections++;
            }
        });
        collector.Start();
        var wrong = new int[3];
        var clock = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            Parallel.For(0, runs, new ParallelOptions { MaxDegreeOfParallelism = 2 }, (_, loop) =>
            {
                if (Interlocked.Increment(ref done) > minRuns && clock.Elapsed > TimeSpan.FromSeconds(30)) loop.Stop();
                if (!Fft2D.ForwardReal(x, h, w).SequenceEqual(real)) Interlocked.Increment(ref wrong[0]);
                if (!Fft2D.ForwardReal(xf, h, w).SequenceEqual(single)) Interlocked.Increment(ref wrong[1]);
                if (!Fft2D.Inverse(xc, h, w).SequenceEqual(inverse)) Interlocked.Increment(ref wrong[2]);
            });
        }
        finally
        {
            Volatile.Write(ref stop, 1);
            collector.Join();
        }
        Assert.Equal(new[] { 0, 0, 0 }, wrong);
        Assert.True(collections >= minRuns, $"only {collections} full collections during {done} rounds of transforms");
    }
}
