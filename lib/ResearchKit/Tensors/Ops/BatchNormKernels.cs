namespace ResearchKit.Tensors.Ops;

/// <summary>Batch-norm kernels on [N,C,HW] views: per-channel statistics, the affine apply and the backward.</summary>
/// <remarks>Per-plane partial sums are float vector sums, accumulated across the N planes in double in plane order,
/// so the statistics depend only on the data (PyTorch also accumulates batch-norm statistics in double on CPU).</remarks>
internal static class BatchNormKernels
{
    /// <summary>Batch mean and biased variance of each channel.</summary>
    public static (float[] Mean, float[] Var) Statistics(float[] x, int n, int c, int hw)
    {
        var mean = new float[c];
        var variance = new float[c];
        double m = (double)n * hw;
        Chunks.ForItems(c, n * hw, ch =>
        {
            double s = 0;
            for (var i = 0; i < n; i++)
                s += System.Numerics.Tensors.TensorPrimitives.Sum<float>(x.AsSpan((i * c + ch) * hw, hw));
            var mu = (float)(s / m);
            double ss = 0;
            for (var i = 0; i < n; i++) ss += Simd.SumSquaredDeviation(x.AsSpan((i * c + ch) * hw, hw), mu);
            mean[ch] = mu;
            variance[ch] = (float)(ss / m);
        });
        return (mean, variance);
    }

    /// <summary>y = x·scale[c] + shift[c] over every plane, then max(y, 0) when <paramref name="relu"/>.</summary>
    public static void Apply(float[] x, float[] y, int n, int c, int hw, float[] scale, float[] shift, bool relu) =>
        Chunks.ForItems(n * c, hw, p =>
        {
            var ch = p % c;
            Simd.Affine(x.AsSpan(p * hw, hw), scale[ch], shift[ch], y.AsSpan(p * hw, hw), relu);
        });

    /// <summary>Per channel: Σ g and Σ g·(x − mean[c]).</summary>
    public static (double[] SumG, double[] SumGx) GradSums(float[] g, float[] x, int n, int c, int hw, float[] mean)
    {
        var sumG = new double[c];
        var sumGx = new double[c];
        Chunks.ForItems(c, n * hw, ch =>
        {
            double a = 0, b = 0;
            for (var i = 0; i < n; i++)
            {
                var off = (i * c + ch) * hw;
                var (sg, sgx) = Simd.SumAndCenteredDot(g.AsSpan(off, hw), x.AsSpan(off, hw), mean[ch]);
                a += sg;
                b += sgx;
            }
            sumG[ch] = a;
            sumGx[ch] = b;
        });
        return (sumG, sumGx);
    }

    /// <summary>dx = g·a[c] + x·b[c] + k[c] over every plane.</summary>
    public static void AffineOfTwo(float[] g, float[] x, float[] dx, int n, int c, int hw, float[] a, float[] b, float[] k) =>
        Chunks.ForItems(n * c, hw, p =>
        {
            var ch = p % c;
            Simd.AffineOfTwo(g.AsSpan(p * hw, hw), a[ch], x.AsSpan(p * hw, hw), b[ch], k[ch], dx.AsSpan(p * hw, hw));
        });
}
