using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace ResearchKit.Spectral;

/// <summary>The transform a cached plan performs.</summary>
internal enum FftKind
{
    RealToComplexSingle,
    RealToComplexDouble,
    ComplexForwardDouble,
    ComplexBackwardDouble,
    ComplexToRealDouble,
}

/// <summary>Cache key: one plan per shape, batch, direction, precision and thread count.</summary>
internal readonly record struct FftPlanKey(int Height, int Width, int Batch, FftKind Kind, int Threads);

/// <summary>Creates FFTW plans once per key and keeps them for the life of the process.</summary>
/// <remarks>FFTW's planner is not thread-safe, so every planner call (and the global thread-count setting it
/// reads) happens under one lock. Plans are made on scratch arrays and run with the new-array execute
/// functions, which are safe to call from many threads at once on one plan.</remarks>
internal static unsafe class FftwPlanCache
{
    private static readonly object PlannerLock = new();
    private static readonly ConcurrentDictionary<FftPlanKey, nint> Plans = new();

    /// <summary>The cached plan for <paramref name="key"/>, planning it on first use.</summary>
    public static nint Get(FftPlanKey key)
    {
        if (Plans.TryGetValue(key, out var plan)) return plan;
        FftwNative.EnsureLoaded();
        lock (PlannerLock)
        {
            if (Plans.TryGetValue(key, out plan)) return plan;
            plan = Create(key);
            if (plan == 0)
                throw new InvalidOperationException($"FFTW could not plan {key.Kind} for {key.Batch}x{key.Height}x{key.Width}.");
            Plans[key] = plan;
            return plan;
        }
    }

    private static nint Create(FftPlanKey k)
    {
        int plane = k.Height * k.Width, half = k.Height * (k.Width / 2 + 1);
        int* n = stackalloc int[] { k.Height, k.Width };
        var complex = k.Kind is FftKind.ComplexForwardDouble or FftKind.ComplexBackwardDouble;
        var toReal = k.Kind == FftKind.ComplexToRealDouble;
        var inLen = (nuint)k.Batch * (nuint)(complex ? 2 * plane : toReal ? 2 * half : plane);
        var outLen = (nuint)k.Batch * (nuint)(complex ? 2 * plane : toReal ? plane : 2 * half);
        var elem = k.Kind == FftKind.RealToComplexSingle ? (nuint)sizeof(float) : (nuint)sizeof(double);
        var input = NativeMemory.AlignedAlloc(inLen * elem, 64);
        var output = NativeMemory.AlignedAlloc(outLen * elem, 64);
        try
        {
            return k.Kind switch
            {
                FftKind.RealToComplexSingle => PlanR2CSingle(k, n, (float*)input, (float*)output, plane, half),
                FftKind.RealToComplexDouble => PlanR2CDouble(k, n, (double*)input, (double*)output, plane, half),
                FftKind.ComplexToRealDouble => PlanC2RDouble(k, n, (double*)input, (double*)output, plane, half),
                _ => PlanComplexDouble(k, n, (double*)input, (double*)output, plane),
            };
        }
        finally
        {
            NativeMemory.AlignedFree(input);
            NativeMemory.AlignedFree(output);
        }
    }

    private static nint PlanR2CSingle(FftPlanKey k, int* n, float* input, float* output, int plane, int half)
    {
        FftwNative.fftwf_plan_with_nthreads(k.Threads);
        return FftwNative.fftwf_plan_many_dft_r2c(2, n, k.Batch, input, null, 1, plane, output, null, 1, half,
            FftwNative.Measure);
    }

    private static nint PlanR2CDouble(FftPlanKey k, int* n, double* input, double* output, int plane, int half)
    {
        FftwNative.fftw_plan_with_nthreads(k.Threads);
        return FftwNative.fftw_plan_many_dft_r2c(2, n, k.Batch, input, null, 1, plane, output, null, 1, half,
            FftwNative.Measure);
    }

    // c2r overwrites its input (FFTW's default for it): Fft2D hands it a scratch copy.
    private static nint PlanC2RDouble(FftPlanKey k, int* n, double* input, double* output, int plane, int half)
    {
        FftwNative.fftw_plan_with_nthreads(k.Threads);
        return FftwNative.fftw_plan_many_dft_c2r(2, n, k.Batch, input, null, 1, half, output, null, 1, plane,
            FftwNative.Measure);
    }

    private static nint PlanComplexDouble(FftPlanKey k, int* n, double* input, double* output, int plane)
    {
        FftwNative.fftw_plan_with_nthreads(k.Threads);
        var sign = k.Kind == FftKind.ComplexForwardDouble ? FftwNative.ForwardSign : FftwNative.BackwardSign;
        return FftwNative.fftw_plan_many_dft(2, n, k.Batch, input, null, 1, plane, output, null, 1, plane, sign,
            FftwNative.Measure);
    }
}
