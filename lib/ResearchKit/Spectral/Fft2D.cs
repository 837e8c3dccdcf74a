using System.Numerics;
using System.Runtime.InteropServices;

namespace ResearchKit.Spectral;

/// <summary>2-D discrete Fourier transforms on FFTW, with numpy's conventions (<see cref="FftNorm.Backward"/> unless told).</summary>
/// <remarks>Real inputs use the half plane [H, W/2+1] (numpy <c>rfft2</c>); <see cref="ExpandHalfPlane"/> restores
/// the full [H,W] plane by Hermitian symmetry. Plans are cached per shape, batch, direction and precision.</remarks>
public static unsafe class Fft2D
{
    private static int _threads = Environment.ProcessorCount;

    /// <summary>Threads FFTW may use inside one transform (default: all cores); new plans pick up a changed value.</summary>
    public static int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentException($"Fft2D.Threads must be at least 1, got {value}.");
    }

    /// <summary>Columns of the half plane a real W-column map transforms into: W/2+1.</summary>
    public static int HalfWidth(int width) => width / 2 + 1;

    /// <summary>Forward DFT of a real [H,W] map in double precision; returns the half plane [H, W/2+1].</summary>
    public static Complex[] ForwardReal(ReadOnlySpan<double> input, int height, int width, FftNorm norm = FftNorm.Backward) =>
        ForwardReal(input, height, width, norm, Threads);

    /// <summary>As the public overload, with FFTW's thread count given (1 when the caller already runs maps in parallel).</summary>
    internal static Complex[] ForwardReal(ReadOnlySpan<double> input, int height, int width, FftNorm norm, int threads)
    {
        CheckLength(input.Length, height, width, "input");
        var half = height * HalfWidth(width);
        var src = new AlignedBuffer<double>(height * width);
        var dst = new AlignedBuffer<double>(2 * half);
        input.CopyTo(src.Span);
        var plan = FftwPlanCache.Get(new FftPlanKey(height, width, 1, FftKind.RealToComplexDouble, threads));
        FftwNative.fftw_execute_dft_r2c(plan, src.Pointer, dst.Pointer);
        KeepAlive(src, dst);
        return ToComplex(dst.Span, ForwardScale(norm, height * width));
    }

    /// <summary>Forward DFT of a real [H,W] map computed in single precision; returns the half plane [H, W/2+1].</summary>
    public static Complex[] ForwardReal(ReadOnlySpan<float> input, int height, int width, FftNorm norm = FftNorm.Backward)
    {
        CheckLength(input.Length, height, width, "input");
        var half = height * HalfWidth(width);
        var src = new AlignedBuffer<float>(height * width);
        var dst = new AlignedBuffer<float>(2 * half);
        input.CopyTo(src.Span);
        var plan = FftwPlanCache.Get(new FftPlanKey(height, width, 1, FftKind.RealToComplexSingle, Threads));
        FftwNative.fftwf_execute_dft_r2c(plan, src.Pointer, dst.Pointer);
        KeepAlive(src, dst);
        var scale = ForwardScale(norm, height * width);
        var result = new Complex[half];
        var s = dst.Span;
        for (var i = 0; i < half; i++) result[i] = new Complex(s[2 * i] * scale, s[2 * i + 1] * scale);
        return result;
    }

    /// <summary>Forward DFT of a complex [H,W] plane in double precision.</summary>
    public static Complex[] Forward(ReadOnlySpan<Complex> input, int height, int width, FftNorm norm = FftNorm.Backward) =>
        Complex2D(input, height, width, FftKind.ComplexForwardDouble, ForwardScale(norm, height * width));

    /// <summary>Inverse DFT of a complex [H,W] plane in double precision (carries 1/N under <see cref="FftNorm.Backward"/>).</summary>
    public static Complex[] Inverse(ReadOnlySpan<Complex> input, int height, int width, FftNorm norm = FftNorm.Backward) =>
        Complex2D(input, height, width, FftKind.ComplexBackwardDouble, InverseScale(norm, height * width));

    /// <summary>As <see cref="Inverse(ReadOnlySpan{Complex}, int, int, FftNorm)"/>, with FFTW's thread count given.</summary>
    internal static Complex[] Inverse(ReadOnlySpan<Complex> input, int height, int width, FftNorm norm, int threads) =>
        Complex2D(input, height, width, FftKind.ComplexBackwardDouble, InverseScale(norm, height * width), threads);

    /// <summary>Inverse DFT of the half plane [H, W/2+1] of a real [H,W] map (numpy's <c>irfft2</c> with s = (H, W)): the
    /// real map, at half the cost of <see cref="Inverse(ReadOnlySpan{Complex}, int, int, FftNorm)"/> on the expanded plane.
    /// The half plane is taken as Hermitian: the imaginary parts that symmetry forces to zero are ignored, as numpy does.</summary>
    public static double[] InverseReal(ReadOnlySpan<Complex> half, int height, int width, FftNorm norm = FftNorm.Backward)
    {
        CheckSize(height, width);
        if (half.Length != height * HalfWidth(width))
            throw new ArgumentException($"Half plane of a {height}x{width} map needs {height * HalfWidth(width)} values, got {half.Length}.");
        var src = new AlignedBuffer<double>(2L * half.Length);
        var dst = new AlignedBuffer<double>(height * width);
        MemoryMarshal.Cast<Complex, double>(half).CopyTo(src.Span);
        var plan = FftwPlanCache.Get(new FftPlanKey(height, width, 1, FftKind.ComplexToRealDouble, Threads));
        FftwNative.fftw_execute_dft_c2r(plan, src.Pointer, dst.Pointer);
        KeepAlive(src, dst);
        var scale = InverseScale(norm, height * width);
        var result = dst.Span.ToArray();
        for (var i = 0; i < result.Length; i++) result[i] *= scale;
        return result;
    }

    /// <summary>The full [H,W] spectrum of a real map from its half plane [H, W/2+1], using X[u,v] = conj(X[-u,-v]).</summary>
    public static Complex[] ExpandHalfPlane(ReadOnlySpan<Complex> half, int height, int width)
    {
        var hw = HalfWidth(width);
        if (half.Length != height * hw)
            throw new ArgumentException($"Half plane of a {height}x{width} map needs {height * hw} values, got {half.Length}.");
        var full = new Complex[height * width];
        for (var u = 0; u < height; u++)
        {
            var mirrorRow = (height - u) % height;
            for (var v = 0; v < width; v++)
            {
                full[u * width + v] = v < hw
                    ? half[u * hw + v]
                    : Complex.Conjugate(half[mirrorRow * hw + (width - v)]);
            }
        }
        return full;
    }

    /// <summary>A copy of the [H,W] plane with the zero frequency moved to index (⌊H/2⌋, ⌊W/2⌋), as numpy's fftshift.</summary>
    public static T[] FftShift<T>(ReadOnlySpan<T> plane, int height, int width) => Roll(plane, height, width, height / 2, width / 2);

    /// <summary>Undoes <see cref="FftShift{T}"/>, as numpy's ifftshift.</summary>
    public static T[] IFftShift<T>(ReadOnlySpan<T> plane, int height, int width) =>
        Roll(plane, height, width, height - height / 2, width - width / 2);

    private static T[] Roll<T>(ReadOnlySpan<T> plane, int height, int width, int shiftRows, int shiftCols)
    {
        CheckLength(plane.Length, height, width, "plane");
        var result = new T[plane.Length];
        for (var m = 0; m < height; m++)
        {
            var row = (m + shiftRows) % height;
            for (var n = 0; n < width; n++) result[row * width + (n + shiftCols) % width] = plane[m * width + n];
        }
        return result;
    }

    private static Complex[] Complex2D(ReadOnlySpan<Complex> input, int height, int width, FftKind kind, double scale, int? threads = null)
    {
        CheckLength(input.Length, height, width, "input");
        var src = new AlignedBuffer<double>(2L * height * width);
        var dst = new AlignedBuffer<double>(2L * height * width);
        MemoryMarshal.Cast<Complex, double>(input).CopyTo(src.Span);
        var plan = FftwPlanCache.Get(new FftPlanKey(height, width, 1, kind, threads ?? Threads));
        FftwNative.fftw_execute_dft(plan, src.Pointer, dst.Pointer);
        KeepAlive(src, dst);
        return ToComplex(dst.Span, scale);
    }

    private static Complex[] ToComplex(ReadOnlySpan<double> interleaved, double scale)
    {
        var result = new Complex[interleaved.Length / 2];
        var flat = MemoryMarshal.Cast<Complex, double>(result.AsSpan());
        for (var i = 0; i < flat.Length; i++) flat[i] = interleaved[i] * scale;
        return result;
    }

    internal static double ForwardScale(FftNorm norm, int n) => norm switch
    {
        FftNorm.Backward => 1.0,
        FftNorm.Ortho => 1.0 / Math.Sqrt(n),
        FftNorm.Forward => 1.0 / n,
        _ => throw new ArgumentException($"Unknown FftNorm {norm}."),
    };

    internal static double InverseScale(FftNorm norm, int n) => norm switch
    {
        FftNorm.Backward => 1.0 / n,
        FftNorm.Ortho => 1.0 / Math.Sqrt(n),
        FftNorm.Forward => 1.0,
        _ => throw new ArgumentException($"Unknown FftNorm {norm}."),
    };

    // FFTW reads and writes the buffers through raw pointers the GC cannot see: without this, a buffer no longer
    // referenced after its .Pointer was taken may be collected (its pinned array freed) while FFTW still runs on it,
    // which crashed dotnet-interactive's kernel in libfftw3 (a collection on another thread mid-transform).
    private static void KeepAlive<T>(AlignedBuffer<T> src, AlignedBuffer<T> dst) where T : unmanaged
    {
        GC.KeepAlive(src);
        GC.KeepAlive(dst);
    }

    private static void CheckLength(int length, int height, int width, string what)
    {
        CheckSize(height, width);
        if (length != height * width)
            throw new ArgumentException($"A {height}x{width} {what} needs {height * width} values, got {length}.");
    }

    private static void CheckSize(int height, int width)
    {
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"FFT size must be positive, got {height}x{width}.");
    }
}
