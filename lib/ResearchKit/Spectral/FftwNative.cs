using System.Runtime.InteropServices;

namespace ResearchKit.Spectral;

/// <summary>P/Invoke declarations for FFTW 3 (Debian libfftw3-single3 / libfftw3-double3) and the one load check.</summary>
internal static unsafe partial class FftwNative
{
    internal const string Single = "libfftw3f.so.3";
    internal const string Double = "libfftw3.so.3";
    internal const string SingleThreads = "libfftw3f_threads.so.3";
    internal const string DoubleThreads = "libfftw3_threads.so.3";

    internal const int ForwardSign = -1;
    internal const int BackwardSign = 1;
    internal const uint Measure = 0;
    internal const uint Estimate = 1u << 6;

    private static readonly Lazy<bool> Loaded = new(Load, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Loads FFTW once and turns its threads on; throws a single clear error when the library is missing.</summary>
    internal static void EnsureLoaded() => _ = Loaded.Value;

    private static bool Load()
    {
        foreach (var (name, package) in new[]
                 {
                     (Single, "libfftw3-single3"), (SingleThreads, "libfftw3-single3"),
                     (Double, "libfftw3-double3"), (DoubleThreads, "libfftw3-double3"),
                 })
        {
            if (!NativeLibrary.TryLoad(name, typeof(FftwNative).Assembly, null, out _))
                throw new DllNotFoundException(
                    $"FFTW library {name} could not be loaded; install the Debian package {package} (apt-get install libfftw3-single3 libfftw3-double3).");
        }
        // FFTW needs its threading layer initialised once per precision before any threaded plan.
        if (fftwf_init_threads() == 0 || fftw_init_threads() == 0)
            throw new InvalidOperationException("FFTW failed to initialise its threads (fftw_init_threads returned 0).");
        return true;
    }

    [LibraryImport(SingleThreads)] internal static partial int fftwf_init_threads();
    [LibraryImport(SingleThreads)] internal static partial void fftwf_plan_with_nthreads(int nthreads);
    [LibraryImport(DoubleThreads)] internal static partial int fftw_init_threads();
    [LibraryImport(DoubleThreads)] internal static partial void fftw_plan_with_nthreads(int nthreads);

    [LibraryImport(Single)]
    internal static partial nint fftwf_plan_many_dft_r2c(int rank, int* n, int howmany, float* input, int* inembed,
        int istride, int idist, float* output, int* onembed, int ostride, int odist, uint flags);

    [LibraryImport(Single)] internal static partial void fftwf_execute_dft_r2c(nint plan, float* input, float* output);
    [LibraryImport(Single)] internal static partial void fftwf_destroy_plan(nint plan);

    [LibraryImport(Double)]
    internal static partial nint fftw_plan_many_dft_r2c(int rank, int* n, int howmany, double* input, int* inembed,
        int istride, int idist, double* output, int* onembed, int ostride, int odist, uint flags);

    [LibraryImport(Double)]
    internal static partial nint fftw_plan_many_dft(int rank, int* n, int howmany, double* input, int* inembed,
        int istride, int idist, double* output, int* onembed, int ostride, int odist, int sign, uint flags);

    [LibraryImport(Double)]
    internal static partial nint fftw_plan_many_dft_c2r(int rank, int* n, int howmany, double* input, int* inembed,
        int istride, int idist, double* output, int* onembed, int ostride, int odist, uint flags);

    [LibraryImport(Double)] internal static partial void fftw_execute_dft_r2c(nint plan, double* input, double* output);
    [LibraryImport(Double)] internal static partial void fftw_execute_dft_c2r(nint plan, double* input, double* output);
    [LibraryImport(Double)] internal static partial void fftw_execute_dft(nint plan, double* input, double* output);
    [LibraryImport(Double)] internal static partial void fftw_destroy_plan(nint plan);
}
