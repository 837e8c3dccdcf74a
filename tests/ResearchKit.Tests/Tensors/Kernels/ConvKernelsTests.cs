using ResearchKit.Tensors;
using ResearchKit.Tensors.Kernels;

namespace ResearchKit.Tests.Tensors.Kernels;

[Collection(ResearchKit.Tests.Tensors.ThreadCountCollection.Name)]
public sealed class ConvKernelsTests
{
    public static TheoryData<int, int, int, int, int, int> Configs => new()
    {
        // C, K, kernel, stride, padding/dilation code, groups
        { 3, 5, 3, 1, 1, 1 }, { 4, 6, 3, 2, 1, 2 }, { 6, 6, 3, 1, 2, 6 }, { 6, 6, 3, 2, 1, 6 }, { 8, 4, 1, 1, 0, 1 },
        { 5, 7, 2, 3, 0, 1 }, { 6, 12, 3, 1, 1, 3 },
    };

    [Theory]
    [MemberData(nameof(Configs))]
    public void ForwardAndBackward_MatchNaiveLoops(int c, int k, int kernel, int stride, int pad, int groups)
    {
        var rng = new Random(c * 31 + k);
        var dilation = pad == 2 ? 2 : 1;
        AllThreeMatchNaive(rng, Geometry(3, c, 11, 37, k, kernel, stride, pad, dilation, groups));
    }

    private static void AllThreeMatchNaive(Random rng, ConvGeometry g)
    {
        var x = Random(rng, g.N * g.C * g.HW);
        var w = Random(rng, g.K * g.ColRows);
        var dy = Random(rng, g.N * g.K * g.OHW);
        var (yRef, dxRef, dwRef) = Naive(x, w, dy, g);
        var (y, dx, dw) = (new float[yRef.Length], new float[dxRef.Length], new float[dwRef.Length]);
        ConvKernels.Forward(x, w, y, g, ConvEpilogue.None);
        ConvKernels.BackwardInput(dy, w, dx, g);
        ConvKernels.BackwardWeight(x, dy, dw, g);
        AssertClose(yRef, y, "y");
        AssertClose(dxRef, dx, "dx");
        AssertClose(dwRef, dw, "dw");
    }

    [Fact]
    public void PointwiseConvOfOneSample_ReadsTheInputDirectly_AndMatchesNaiveLoops()
    {
        // With one sample every column block lies inside it, so the forward takes the no-unfold path.
        var rng = new Random(5);
        var g = Geometry(1, 8, 11, 37, 4, 1, 1, 0, 1, 2);
        Assert.True(g.IsPointwise);
        var x = Random(rng, g.N * g.C * g.HW);
        var w = Random(rng, g.K * g.ColRows);
        var (yRef, _, _) = Naive(x, w, Random(rng, g.N * g.K * g.OHW), g);
        var y = new float[yRef.Length];
        ConvKernels.Forward(x, w, y, g, ConvEpilogue.None);
        AssertClose(yRef, y, "y");
    }

    [Fact]
    public void Results_AreBitwiseRepeatable_ForAThreadCount_AndCloseAcrossCounts()
    {
        var rng = new Random(9);
        var g = Geometry(3, 16, 20, 30, 24, 3, 1, 1, 1, 1);
        var x = Random(rng, g.N * g.C * g.HW);
        var w = Random(rng, g.K * g.ColRows);
        var dy = Random(rng, g.N * g.K * g.OHW);
        var saved = Threading.Threads;
        try
        {
            var runs = new List<(float[] Y, float[] Dw)>();
            foreach (var threads in new[] { 2, 2, 1 })
            {
                Threading.Threads = threads;
                var y = new float[g.N * g.K * g.OHW];
                var dw = new float[w.Length];
                ConvKernels.Forward(x, w, y, g, ConvEpilogue.None);
                ConvKernels.BackwardWeight(x, dy, dw, g);
                runs.Add((y, dw));
            }
            Assert.Equal(runs[0].Y, runs[1].Y);
            Assert.Equal(runs[0].Dw, runs[1].Dw);
            for (var i = 0; i < runs[0].Y.Length; i++) Assert.True(Math.Abs(runs[0].Y[i] - runs[2].Y[i]) <= 1e-5 * Math.Max(1, Math.Abs(runs[0].Y[i])));
            for (var i = 0; i < w.Length; i++) Assert.True(Math.Abs(runs[0].Dw[i] - runs[2].Dw[i]) <= 1e-4 * Math.Max(1, Math.Abs(runs[0].Dw[i])));
        }
        finally { Threading.Threads = saved; }
    }

    public static TheoryData<int, int, int, int, int, int, int> DirectConfigs => new()
    {
        // N, C, K, H, W, kernel, padding: stride-1 ungrouped layers take the direct AVX2 kernels (odd widths and channel
        // counts exercise the position and channel tails; padding 0 and 2 the backward padding; 70 and 130 input
        // channels several channel chunks; 1x1 stays on GEMM).
        { 2, 16, 16, 9, 40, 3, 1 }, { 2, 40, 36, 5, 33, 3, 1 }, { 2, 70, 9, 6, 11, 3, 1 }, { 1, 130, 6, 4, 7, 3, 1 }, { 3, 48, 16, 7, 33, 3, 1 }, { 2, 5, 7, 6, 19, 3, 0 }, { 1, 3, 13, 5, 21, 3, 2 },
        { 2, 6, 9, 8, 23, 5, 2 }, { 2, 4, 5, 6, 18, 2, 1 }, { 2, 16, 12, 5, 35, 1, 0 }, { 2, 24, 32, 5, 20, 3, 1 }, { 3, 30, 40, 4, 17, 3, 1 },
    };

    [Theory]
    [MemberData(nameof(DirectConfigs))]
    public void DirectKernels_MatchNaiveLoops_AndDoNotDependOnTheThreadCount(int n, int c, int k, int h, int w, int kernel, int pad)
    {
        var rng = new Random(n * 1000 + c * 31 + k);
        var g = Geometry(n, c, h, w, k, kernel, 1, pad, 1, 1);
        if (DirectConv.Supported)
        {
            Assert.Equal(!g.IsPointwise, DirectConv.UseForward(g));
            Assert.Equal(!g.IsPointwise, DirectConv.UseBackwardInput(g));
            Assert.Equal(kernel == 3 && g.OW >= 16, DirectConv.UseBackwardWeight(g));
        }
        var x = Random(rng, g.N * g.C * g.HW);
        var wt = Random(rng, g.K * g.ColRows);
        var dy = Random(rng, g.N * g.K * g.OHW);
        var (yRef, dxRef, dwRef) = Naive(x, wt, dy, g);
        var saved = Threading.Threads;
        try
        {
            var runs = new List<(float[] Y, float[] Dx, float[] Dw)>();
            foreach (var threads in new[] { 2, 2, 1 })
            {
                Threading.Threads = threads;
                var y = new float[yRef.Length];
                var dx = new float[dxRef.Length];
                var dw = new float[dwRef.Length];
                ConvKernels.Forward(x, wt, y, g, ConvEpilogue.None);
                ConvKernels.BackwardInput(dy, wt, dx, g);
                ConvKernels.BackwardWeight(x, dy, dw, g);
                AssertClose(yRef, y, "y");
                AssertClose(dxRef, dx, "dx");
                AssertClose(dwRef, dw, "dw");
                runs.Add((y, dx, dw));
            }
            Assert.Equal(runs[0].Y, runs[1].Y);
            Assert.Equal(runs[0].Dx, runs[1].Dx);
            Assert.Equal(runs[0].Dw, runs[1].Dw);
            // The direct forward and input gradient compute every value in one task in a fixed order.
            if (!g.IsPointwise)
            {
                Assert.Equal(runs[0].Y, runs[2].Y);
                Assert.Equal(runs[0].Dx, runs[2].Dx);
            }
        }
        finally { Threading.Threads = saved; }
    }

    [Fact]
    public void DirectForward_AppliesTheEpilogue()
    {
        var rng = new Random(17);
        var g = Geometry(2, 8, 6, 5, 16, 3, 1, 1, 1, 1);
        var x = Random(rng, g.N * g.C * g.HW);
        var wt = Random(rng, g.K * g.ColRows);
        var scale = Random(rng, g.K);
        var shift = Random(rng, g.K);
        var (yRef, _, _) = Naive(x, wt, new float[g.N * g.K * g.OHW], g);
        for (var i = 0; i < yRef.Length; i++)
        {
            var kk = i / g.OHW % g.K;
            yRef[i] = Math.Max(0f, yRef[i] * scale[kk] + shift[kk]);
        }
        var y = new float[yRef.Length];
        ConvKernels.Forward(x, wt, y, g, new ConvEpilogue(scale, shift, true));
        AssertClose(yRef, y, "y");
    }

    [Fact]
    public void DilationWiderThanTheInput_ReadsOnlyPadding_AndMatchesNaiveLoops()
    {
        // 2x3 input, 3x3 kernel, dilation 3, padding 3 (ASPP on a tiny map): most taps fall wholly in the padding.
        AllThreeMatchNaive(new Random(8), Geometry(2, 4, 2, 3, 5, 3, 1, 3, 3, 1));
    }

    [Fact]
    public void Fold_IsTheAdjointOfUnfold()
    {
        // <Unfold(x), c> = <x, Fold(c)> for any x, c.
        var rng = new Random(2);
        var g = Geometry(1, 3, 7, 9, 1, 3, 2, 1, 2, 1);
        var x = Random(rng, g.C * g.HW);
        var c = Random(rng, g.ColRows * g.OHW);
        var col = new float[c.Length];
        Im2Col.Unfold(x, g, 0, g.OHW, col);
        var folded = new float[x.Length];
        Im2Col.Fold(c, g, folded, 0, g.C);
        double left = 0, right = 0;
        for (var i = 0; i < c.Length; i++) left += (double)col[i] * c[i];
        for (var i = 0; i < x.Length; i++) right += (double)x[i] * folded[i];
        Assert.Equal(left, right, 4);
    }

    [Fact]
    public void Unfold_HandComputed2x2KernelOn3x3()
    {
        var g = Geometry(1, 1, 3, 3, 1, 2, 1, 0, 1, 1);
        var col = new float[4 * 4];
        Im2Col.Unfold([1, 2, 3, 4, 5, 6, 7, 8, 9], g, 0, 4, col);
        // rows are taps (0,0) (0,1) (1,0) (1,1); columns the four output pixels
        Assert.Equal([1, 2, 4, 5, 2, 3, 5, 6, 4, 5, 7, 8, 5, 6, 8, 9], col);
    }

    private static ConvGeometry Geometry(int n, int c, int h, int w, int k, int kernel, int stride, int pad, int dilation, int groups) =>
        new(n, c, h, w, k, ConvGeometry.OutputSize(h, kernel, stride, pad, dilation), ConvGeometry.OutputSize(w, kernel, stride, pad, dilation),
            kernel, kernel, stride, stride, pad, pad, dilation, dilation, groups);

    private static (float[] Y, float[] Dx, float[] Dw) Naive(float[] x, float[] w, float[] dy, ConvGeometry g)
    {
        var y = new double[g.N * g.K * g.OHW];
        var dx = new double[x.Length];
        var dw = new double[w.Length];
        for (var n = 0; n < g.N; n++)
        for (var k = 0; k < g.K; k++)
        for (var oh = 0; oh < g.OH; oh++)
        for (var ow = 0; ow < g.OW; ow++)
        for (var cg = 0; cg < g.Cg; cg++)
        for (var i = 0; i < g.KH; i++)
        for (var j = 0; j < g.KW; j++)
        {
            int ih = oh * g.SH - g.PH + i * g.DH, iw = ow * g.SW - g.PW + j * g.DW;
            if (ih < 0 || ih >= g.H || iw < 0 || iw >= g.W) continue;
            var c = k / g.Kg * g.Cg + cg;
            int xi = ((n * g.C + c) * g.H + ih) * g.W + iw, wi = ((k * g.Cg + cg) * g.KH + i) * g.KW + j, yi = ((n * g.K + k) * g.OH + oh) * g.OW + ow;
            y[yi] += (double)x[xi] * w[wi];
            dx[xi] += (double)dy[yi] * w[wi];
            dw[wi] += (double)dy[yi] * x[xi];
        }
        return (ToFloat(y), ToFloat(dx), ToFloat(dw));
    }

    private static float[] ToFloat(double[] v) => v.Select(d => (float)d).ToArray();

    private static void AssertClose(float[] expected, float[] actual, string what)
    {
        for (var i = 0; i < expected.Length; i++)
            Assert.True(Math.Abs(expected[i] - actual[i]) <= 1e-4 * Math.Max(1, Math.Abs(expected[i])), $"{what}[{i}]: {expected[i]} vs {actual[i]}");
    }

    private static float[] Random(Random rng, int count) => Enumerable.Range(0, count).Select(_ => (float)(rng.NextDouble() * 2 - 1)).ToArray();
}
