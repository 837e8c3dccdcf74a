using System.Runtime.InteropServices;

namespace ResearchKit.Tensors.Kernels;

/// <summary>P/Invoke into Debian's OpenBLAS (package libopenblas0-pthread), loaded once if present.</summary>
/// <remarks>OpenBLAS is pinned to one thread: the engine parallelises around it through <see cref="Threading"/>, so every
/// GEMM call runs on its caller's thread, never splits the inner dimension, and is bitwise reproducible.</remarks>
internal static unsafe class OpenBlas
{
    private const int RowMajor = 101, NoTrans = 111, Trans = 112;
    private static readonly delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void> Sgemm;

    static OpenBlas()
    {
        if (Environment.GetEnvironmentVariable("RESEARCHKIT_NO_OPENBLAS") == "1") return;
        foreach (var name in new[] { "libopenblas.so.0", "libopenblas.so", "libopenblas" })
        {
            if (!NativeLibrary.TryLoad(name, out var lib)) continue;
            if (!NativeLibrary.TryGetExport(lib, "cblas_sgemm", out var sgemm)) continue;
            if (NativeLibrary.TryGetExport(lib, "openblas_set_num_threads", out var setThreads))
                ((delegate* unmanaged<int, void>)setThreads)(1);
            Sgemm = (delegate* unmanaged<int, int, int, int, int, int, float, float*, int, float*, int, float, float*, int, void>)sgemm;
            return;
        }
    }

    /// <summary>True when the library was found and exports cblas_sgemm.</summary>
    public static bool Available => Sgemm != null;

    /// <summary>Row-major C = alpha·op(A)·op(B) + beta·C on the calling thread.</summary>
    public static void Gemm(bool transA, bool transB, int m, int n, int k, float alpha, float* a, int lda,
        float* b, int ldb, float beta, float* c, int ldc) =>
        Sgemm(RowMajor, transA ? Trans : NoTrans, transB ? Trans : NoTrans, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc);
}
