namespace ResearchKit.Tensors.Kernels;

/// <summary>Row-major single-precision matrix multiply C = op(A)·op(B) + beta·C, the engine's one GEMM entry point.</summary>
/// <remarks>op(A) is m×k, op(B) is k×n, C is m×n; lda/ldb/ldc are row strides of the stored (untransposed) matrices, as in
/// CBLAS. <see cref="Multiply"/> runs on the calling thread; <see cref="MultiplyParallel"/> splits C's columns into
/// fixed chunks over <see cref="Threading.Threads"/>. Neither ever splits k, so results do not depend on scheduling.</remarks>
public static class Gemm
{
    private static GemmBackend _backend = OpenBlas.Available ? GemmBackend.OpenBlas : GemmBackend.Managed;

    /// <summary>The implementation in use: OpenBLAS when installed, else managed; settable for tests and benchmarks.</summary>
    public static GemmBackend Backend
    {
        get => _backend;
        set => _backend = value == GemmBackend.OpenBlas && !OpenBlas.Available
            ? throw new InvalidOperationException("gemm: OpenBLAS is not installed (apt-get install -y libopenblas0-pthread)")
            : value;
    }

    /// <summary>C = op(A)·op(B) + beta·C on the calling thread.</summary>
    public static unsafe void Multiply(bool transA, bool transB, int m, int n, int k, ReadOnlySpan<float> a, int lda,
        ReadOnlySpan<float> b, int ldb, Span<float> c, int ldc, float beta = 0f)
    {
        Check(transA, transB, m, n, k, a.Length, lda, b.Length, ldb, c.Length, ldc);
        if (m == 0 || n == 0) return;
        if (k == 0)
        {
            for (var i = 0; i < m; i++) Scale(c.Slice(i * ldc, n), beta);
            return;
        }
        if (_backend == GemmBackend.Managed)
        {
            ManagedGemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta);
            return;
        }
        fixed (float* pa = a, pb = b, pc = c)
            OpenBlas.Gemm(transA, transB, m, n, k, 1f, pa, lda, pb, ldb, beta, pc, ldc);
    }

    /// <summary>Same as <see cref="Multiply"/>, with C's columns split into fixed chunks run on <see cref="Threading.Threads"/>.</summary>
    public static void MultiplyParallel(bool transA, bool transB, int m, int n, int k, float[] a, int lda,
        float[] b, int ldb, float[] c, int ldc, float beta = 0f)
    {
        var chunks = Math.Min(Threading.Threads, Math.Max(1, n / 64));
        if (chunks <= 1)
        {
            Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, beta);
            return;
        }
        Threading.For(chunks, t =>
        {
            int j0 = (int)((long)n * t / chunks), j1 = (int)((long)n * (t + 1) / chunks);
            // Column j of op(B) starts at b[j] (row-major k×n) or b[j·ldb] (stored n×k).
            var bOffset = transB ? j0 * ldb : j0;
            Multiply(transA, transB, m, j1 - j0, k, a, lda, b.AsSpan(bOffset), ldb, c.AsSpan(j0), ldc, beta);
        });
    }

    private static void Scale(Span<float> row, float beta)
    {
        if (beta == 0f) row.Clear();
        else for (var j = 0; j < row.Length; j++) row[j] *= beta;
    }

    private static void Check(bool transA, bool transB, int m, int n, int k, int aLen, int lda, int bLen, int ldb, int cLen, int ldc)
    {
        if (m < 0 || n < 0 || k < 0) throw new ArgumentException($"gemm: negative size m={m} n={n} k={k}");
        if (m == 0 || n == 0) return;
        CheckMatrix("A", transA ? k : m, transA ? m : k, aLen, lda);
        CheckMatrix("B", transB ? n : k, transB ? k : n, bLen, ldb);
        CheckMatrix("C", m, n, cLen, ldc);
    }

    private static void CheckMatrix(string name, int rows, int cols, int length, int ld)
    {
        if (rows == 0 || cols == 0) return;
        if (ld < Math.Max(1, cols))
            throw new ArgumentException($"gemm: leading dimension of {name} is {ld}, less than its {cols} columns");
        if ((long)(rows - 1) * ld + cols > length)
            throw new ArgumentException($"gemm: {name} needs {(long)(rows - 1) * ld + cols} values ({rows}x{cols}, ld {ld}), got {length}");
    }
}
