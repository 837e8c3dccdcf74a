using ResearchKit.Tensors;
using ResearchKit.Tensors.Kernels;

namespace ResearchKit.Tests.Tensors.Kernels;

[Collection(ResearchKit.Tests.Tensors.ThreadCountCollection.Name)]
public sealed class GemmTests
{
    public static TheoryData<GemmBackend> Backends => OpenBlasInstalled()
        ? new TheoryData<GemmBackend> { GemmBackend.OpenBlas, GemmBackend.Managed }
        : new TheoryData<GemmBackend> { GemmBackend.Managed };

    [Theory]
    [MemberData(nameof(Backends))]
    public void Multiply_HandComputed2x2(GemmBackend backend)
    {
        using var _ = new BackendScope(backend);
        var c = new float[4];
        Gemm.Multiply(false, false, 2, 2, 2, [1, 2, 3, 4], 2, [5, 6, 7, 8], 2, c, 2);
        Assert.Equal([19f, 22f, 43f, 50f], c);
        Gemm.Multiply(true, true, 2, 2, 2, [1, 2, 3, 4], 2, [5, 6, 7, 8], 2, c, 2, beta: 1f); // + AᵀBᵀ = [[23,31],[34,46]]
        Assert.Equal([42f, 53f, 77f, 96f], c);
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void Multiply_MatchesNaiveTripleLoop_OnOddSizesAllTransposes(GemmBackend backend)
    {
        using var _ = new BackendScope(backend);
        var rng = new Random(5);
        foreach (var (m, n, k) in new[] { (1, 1, 1), (7, 13, 5), (33, 17, 300), (65, 129, 31), (3, 600, 258) })
        foreach (var transA in new[] { false, true })
        foreach (var transB in new[] { false, true })
        {
            // Padded leading dimensions check that strides are honoured.
            int lda = (transA ? m : k) + 3, ldb = (transB ? k : n) + 2, ldc = n + 1;
            var a = Random(rng, (transA ? k : m) * lda);
            var b = Random(rng, (transB ? n : k) * ldb);
            var c = Random(rng, m * ldc);
            var expected = (float[])c.Clone();
            Naive(transA, transB, m, n, k, a, lda, b, ldb, expected, ldc, 0.5f);
            Gemm.Multiply(transA, transB, m, n, k, a, lda, b, ldb, c, ldc, 0.5f);
            for (var i = 0; i < m; i++)
            for (var j = 0; j < n; j++)
                Assert.True(Math.Abs(expected[i * ldc + j] - c[i * ldc + j]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i * ldc + j])),
                    $"{m}x{n}x{k} tA={transA} tB={transB} [{i},{j}]: {expected[i * ldc + j]} vs {c[i * ldc + j]}");
        }
    }

    [Theory]
    [MemberData(nameof(Backends))]
    public void MultiplyParallel_IsBitwiseRepeatable_AndCloseToSingleThread(GemmBackend backend)
    {
        using var _ = new BackendScope(backend);
        var rng = new Random(6);
        int m = 40, n = 333, k = 77;
        var a = Random(rng, m * k);
        var b = Random(rng, k * n);
        var serial = new float[m * n];
        var parallel = new float[m * n];
        var again = new float[m * n];
        Gemm.Multiply(false, false, m, n, k, a, k, b, n, serial, n);
        var threads = Threading.Threads;
        try
        {
            Threading.Threads = 2;
            Gemm.MultiplyParallel(false, false, m, n, k, a, k, b, n, parallel, n);
            Gemm.MultiplyParallel(false, false, m, n, k, a, k, b, n, again, n);
        }
        finally { Threading.Threads = threads; }
        Assert.Equal(parallel, again);
        // Column chunks may take different micro-kernel edge paths, so only closeness holds across thread counts.
        for (var i = 0; i < serial.Length; i++) Assert.True(Math.Abs(serial[i] - parallel[i]) <= 1e-5 * Math.Max(1, Math.Abs(serial[i])));
    }

    [Fact]
    public void Multiply_RejectsTooShortBuffers()
    {
        var ex = Assert.Throws<ArgumentException>(() => Gemm.Multiply(false, false, 2, 2, 2, new float[3], 2, new float[4], 2, new float[4], 2));
        Assert.Contains("gemm: A needs 4", ex.Message);
    }

    private static bool OpenBlasInstalled()
    {
        var saved = Gemm.Backend;
        try
        {
            Gemm.Backend = GemmBackend.OpenBlas;
            return true;
        }
        catch (InvalidOperationException) { return false; }
        finally { Gemm.Backend = saved; }
    }

    private static void Naive(bool transA, bool transB, int m, int n, int k, float[] a, int lda, float[] b, int ldb, float[] c, int ldc, float beta)
    {
        for (var i = 0; i < m; i++)
        for (var j = 0; j < n; j++)
        {
            double s = 0;
            for (var p = 0; p < k; p++) s += (double)(transA ? a[p * lda + i] : a[i * lda + p]) * (transB ? b[j * ldb + p] : b[p * ldb + j]);
            c[i * ldc + j] = (float)(s + beta * c[i * ldc + j]);
        }
    }

    private static float[] Random(Random rng, int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();

    private sealed class BackendScope : IDisposable
    {
        private readonly GemmBackend _saved = Gemm.Backend;

        public BackendScope(GemmBackend backend) => Gemm.Backend = backend;

        public void Dispose() => Gemm.Backend = _saved;
    }
}
