namespace ResearchKit.Tensors.Kernels;

/// <summary>Which matrix-multiply implementation <see cref="Gemm"/> runs.</summary>
public enum GemmBackend
{
    /// <summary>Debian's OpenBLAS cblas_sgemm through P/Invoke, single-threaded per call (the fast path).</summary>
    OpenBlas,

    /// <summary>The managed SIMD fallback in <see cref="ManagedGemm"/> (used when OpenBLAS is not installed).</summary>
    Managed,
}
