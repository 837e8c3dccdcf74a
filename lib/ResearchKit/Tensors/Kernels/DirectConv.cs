using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Tensors.Kernels;

/// <summary>Direct AVX2/FMA convolution for stride-1, dilation-1, ungrouped layers with few channels, where
/// im2col + GEMM is dominated by the unfolding copy and the BLAS packing of the column matrix.</summary>
/// <remarks>Each task (sample, band of output rows) copies its input rows once into a zero-padded scratch plane and
/// computes blocks of 4 output channels × 16 output pixels in registers, summing over (c, i, j) in a fixed order, so
/// every output value is computed by one task in one order: results do not depend on the thread count. The input
/// gradient is the same direct convolution of dy with the flipped, transposed kernel and padding KH-1-PH.</remarks>
internal static class DirectConv
{
    private const int PixelBlock = 16;
    private const int ChannelBlock = 4;
    private const int BandFloats = 48 * 1024;

    // Thresholds measured on a 2-core AVX2 EPYC (bench conv): the direct kernels win clearly up to 32 output channels
    // and are on par with im2col + OpenBLAS at 64 (the 24x32 U-Net layers), so those stay on GEMM.
    public const int MaxForwardChannels = 32;
    public const int MaxInputGradChannels = 48;

    public static bool Supported => Avx2.IsSupported && Fma.IsSupported;

    /// <summary>True when the forward (output channels K) should use the direct kernel.</summary>
    public static bool UseForward(in ConvGeometry g) =>
        Supported && Eligible(g) && g.K <= MaxForwardChannels && g.OW >= 16;

    /// <summary>True when the input gradient (output channels C) should use the direct kernel.</summary>
    public static bool UseBackwardInput(in ConvGeometry g) =>
        Supported && Eligible(g) && g.C <= MaxInputGradChannels && g.K <= MaxInputGradChannels && g.W >= 16;

    private static bool Eligible(in ConvGeometry g) =>
        g.Groups == 1 && g.SH == 1 && g.SW == 1 && g.DH == 1 && g.DW == 1 && g.PH < g.KH && g.PW < g.KW;

    public static void Forward(float[] x, float[] w, float[] y, in ConvGeometry g, ConvEpilogue epilogue)
    {
        var kb = (g.K + ChannelBlock - 1) / ChannelBlock;
        var packed = ArrayPool<float>.Shared.Rent(kb * g.C * g.KH * g.KW * ChannelBlock);
        var taps = g.KH * g.KW;
        for (var k4 = 0; k4 < kb; k4++)
        for (var c = 0; c < g.C; c++)
        for (var t = 0; t < taps; t++)
        for (var l = 0; l < ChannelBlock; l++)
        {
            var k = k4 * ChannelBlock + l;
            packed[((k4 * g.C + c) * taps + t) * ChannelBlock + l] = k < g.K ? w[(k * g.C + c) * taps + t] : 0f;
        }
        Run(x, g.N, g.C, g.H, g.W, packed, g.K, g.OH, g.OW, g.KH, g.KW, g.PH, g.PW, y, epilogue);
        ArrayPool<float>.Shared.Return(packed);
    }

    public static void BackwardInput(float[] dy, float[] w, float[] dx, in ConvGeometry g)
    {
        // dx = conv(dy, w') with w'[c,k,i,j] = w[k,c,KH-1-i,KW-1-j], padding KH-1-PH.
        var cb = (g.C + ChannelBlock - 1) / ChannelBlock;
        var packed = ArrayPool<float>.Shared.Rent(cb * g.K * g.KH * g.KW * ChannelBlock);
        var taps = g.KH * g.KW;
        for (var c4 = 0; c4 < cb; c4++)
        for (var k = 0; k < g.K; k++)
        for (var i = 0; i < g.KH; i++)
        for (var j = 0; j < g.KW; j++)
        for (var l = 0; l < ChannelBlock; l++)
        {
            var c = c4 * ChannelBlock + l;
            packed[((c4 * g.K + k) * taps + i * g.KW + j) * ChannelBlock + l] =
                c < g.C ? w[(k * g.C + c) * taps + (g.KH - 1 - i) * g.KW + (g.KW - 1 - j)] : 0f;
        }
        Run(dy, g.N, g.K, g.OH, g.OW, packed, g.C, g.H, g.W, g.KH, g.KW, g.KH - 1 - g.PH, g.KW - 1 - g.PW, dx, ConvEpilogue.None);
        ArrayPool<float>.Shared.Return(packed);
    }

    /// <summary>True when the weight gradient should use the direct kernel (3-wide kernels only).</summary>
    public static bool UseBackwardWeight(in ConvGeometry g) =>
        Supported && Eligible(g) && g.KW == 3 && g.K <= MaxForwardChannels && g.OW >= 16;

    /// <summary>dw [K,C,KH,3] = Σ over samples and pixels of dy · shifted x. Samples are split into one fixed chunk per
    /// thread; each chunk accumulates its own partial (row bands reduced lane-wise in a fixed order), summed in order.</summary>
    public static void BackwardWeight(float[] x, float[] dy, float[] dw, in ConvGeometry g)
    {
        var geo = g;
        var owr = (g.OW + 7) / 8 * 8;
        var wp = (owr + g.KW - 1 + 7) / 8 * 8;
        var kb = (g.K + ChannelBlock - 1) / ChannelBlock;
        var band = Math.Clamp(16384 / (kb * ChannelBlock * owr), 1, g.OH);
        var bands = (g.OH + band - 1) / band;
        var parts = Math.Min(Threading.Threads, g.N);
        var partials = new float[parts][];
        partials[0] = dw;
        for (var p = 1; p < parts; p++) partials[p] = ArrayPool<float>.Shared.Rent(dw.Length);
        Threading.For(parts, p =>
        {
            var acc = partials[p].AsSpan(0, dw.Length);
            acc.Clear();
            var xs = ArrayPool<float>.Shared.Rent(geo.C * (band + geo.KH - 1) * wp);
            var ds = ArrayPool<float>.Shared.Rent(kb * ChannelBlock * band * owr);
            for (var s = (int)((long)geo.N * p / parts); s < (int)((long)geo.N * (p + 1) / parts); s++)
            for (var b = 0; b < bands; b++)
            {
                int oh0 = b * band, rows = Math.Min(band, geo.OH - oh0), xRows = rows + geo.KH - 1;
                var xspan = xs.AsSpan(0, geo.C * xRows * wp);
                xspan.Clear();
                for (var c = 0; c < geo.C; c++)
                for (var r = 0; r < xRows; r++)
                {
                    var ih = oh0 + r - geo.PH;
                    if ((uint)ih >= (uint)geo.H) continue;
                    x.AsSpan(((s * geo.C + c) * geo.H + ih) * geo.W, geo.W).CopyTo(xspan.Slice((c * xRows + r) * wp + geo.PW, geo.W));
                }
                var dspan = ds.AsSpan(0, kb * ChannelBlock * rows * owr);
                dspan.Clear();
                for (var k = 0; k < geo.K; k++)
                for (var r = 0; r < rows; r++)
                    dy.AsSpan(((s * geo.K + k) * geo.OH + oh0 + r) * geo.OW, geo.OW).CopyTo(dspan.Slice((k * rows + r) * owr));
                WeightBand(xs, xRows, wp, ds, rows, owr, geo, acc);
            }
            ArrayPool<float>.Shared.Return(xs);
            ArrayPool<float>.Shared.Return(ds);
        });
        for (var p = 1; p < parts; p++)
        {
            System.Numerics.Tensors.TensorPrimitives.Add(dw, partials[p].AsSpan(0, dw.Length), dw);
            ArrayPool<float>.Shared.Return(partials[p]);
        }
    }

    private static unsafe void WeightBand(float[] xs, int xRows, int wp, float[] ds, int rows, int owr, ConvGeometry g, Span<float> dw)
    {
        var tmp = stackalloc float[8];
        fixed (float* px = xs, pd = ds, pw = dw)
        {
            for (var c = 0; c < g.C; c++)
            for (var i = 0; i < g.KH; i++)
            for (var k0 = 0; k0 < g.K; k0 += ChannelBlock)
            {
                var a00 = Vector256<float>.Zero; var a01 = Vector256<float>.Zero; var a02 = Vector256<float>.Zero;
                var a10 = Vector256<float>.Zero; var a11 = Vector256<float>.Zero; var a12 = Vector256<float>.Zero;
                var a20 = Vector256<float>.Zero; var a21 = Vector256<float>.Zero; var a22 = Vector256<float>.Zero;
                var a30 = Vector256<float>.Zero; var a31 = Vector256<float>.Zero; var a32 = Vector256<float>.Zero;
                long dStride = (long)rows * owr;
                for (var r = 0; r < rows; r++)
                {
                    var xr = px + ((long)c * xRows + r + i) * wp;
                    var d0 = pd + (long)k0 * dStride + (long)r * owr;
                    for (var o = 0; o < owr; o += 8)
                    {
                        var x0 = Avx.LoadVector256(xr + o);
                        var x1 = Avx.LoadVector256(xr + o + 1);
                        var x2 = Avx.LoadVector256(xr + o + 2);
                        var d = Avx.LoadVector256(d0 + o);
                        a00 = Fma.MultiplyAdd(d, x0, a00); a01 = Fma.MultiplyAdd(d, x1, a01); a02 = Fma.MultiplyAdd(d, x2, a02);
                        d = Avx.LoadVector256(d0 + dStride + o);
                        a10 = Fma.MultiplyAdd(d, x0, a10); a11 = Fma.MultiplyAdd(d, x1, a11); a12 = Fma.MultiplyAdd(d, x2, a12);
                        d = Avx.LoadVector256(d0 + 2 * dStride + o);
                        a20 = Fma.MultiplyAdd(d, x0, a20); a21 = Fma.MultiplyAdd(d, x1, a21); a22 = Fma.MultiplyAdd(d, x2, a22);
                        d = Avx.LoadVector256(d0 + 3 * dStride + o);
                        a30 = Fma.MultiplyAdd(d, x0, a30); a31 = Fma.MultiplyAdd(d, x1, a31); a32 = Fma.MultiplyAdd(d, x2, a32);
                    }
                }
                // dw[k, c, i, j] += lane sum, k = k0 + l (the padded channels of the last block are dropped).
                var baseIndex = (c * g.KH + i) * 3;
                var kStride = g.C * g.KH * 3;
                Add(pw, k0, g.K, kStride, baseIndex, a00, a01, a02, tmp);
                Add(pw, k0 + 1, g.K, kStride, baseIndex, a10, a11, a12, tmp);
                Add(pw, k0 + 2, g.K, kStride, baseIndex, a20, a21, a22, tmp);
                Add(pw, k0 + 3, g.K, kStride, baseIndex, a30, a31, a32, tmp);
            }
        }
    }

    private static unsafe void Add(float* dw, int k, int kCount, int kStride, int baseIndex,
        Vector256<float> j0, Vector256<float> j1, Vector256<float> j2, float* tmp)
    {
        if (k >= kCount) return;
        var dst = dw + (long)k * kStride + baseIndex;
        dst[0] += Sum(j0, tmp);
        dst[1] += Sum(j1, tmp);
        dst[2] += Sum(j2, tmp);
    }

    private static unsafe float Sum(Vector256<float> v, float* tmp)
    {
        Avx.Store(tmp, v);
        return ((tmp[0] + tmp[1]) + (tmp[2] + tmp[3])) + ((tmp[4] + tmp[5]) + (tmp[6] + tmp[7]));
    }

    // out [N, outC, OH, OW] = conv(input [N, inC, H, W], packed [outC/4][inC][KH·KW][4]) with zero padding (ph, pw).
    private static void Run(float[] input, int n, int inC, int h, int w, float[] packed, int outC, int oh, int ow,
        int kh, int kw, int ph, int pw, float[] output, ConvEpilogue epilogue)
    {
        var owr = (ow + PixelBlock - 1) / PixelBlock * PixelBlock;
        var wp = (owr + kw - 1 + 7) / 8 * 8;
        var band = Math.Clamp(BandFloats / Math.Max(1, inC * wp) - (kh - 1), 1, oh);
        var bands = (oh + band - 1) / band;
        Threading.For(n * bands, t =>
        {
            int s = t / bands, oh0 = t % bands * band, rows = Math.Min(band, oh - oh0);
            var scratchRows = rows + kh - 1;
            var scratch = ArrayPool<float>.Shared.Rent(inC * scratchRows * wp);
            var span = scratch.AsSpan(0, inC * scratchRows * wp);
            span.Clear();
            for (var c = 0; c < inC; c++)
            for (var r = 0; r < scratchRows; r++)
            {
                var ih = oh0 + r - ph;
                if ((uint)ih >= (uint)h) continue;
                input.AsSpan(((s * inC + c) * h + ih) * w, w).CopyTo(span.Slice((c * scratchRows + r) * wp + pw, w));
            }
            Band(scratch, scratchRows, wp, inC, packed, outC, rows, ow, owr, kh, kw,
                output, (s * outC * oh + oh0) * ow, oh * ow);
            if (!epilogue.IsNone)
                for (var k = 0; k < outC; k++)
                for (var r = 0; r < rows; r++)
                    epilogue.Apply(k, output.AsSpan(((s * outC + k) * oh + oh0 + r) * ow, ow));
            ArrayPool<float>.Shared.Return(scratch);
        });
    }

    private static unsafe void Band(float[] scratch, int scratchRows, int wp, int inC, float[] packed, int outC,
        int rows, int ow, int owr, int kh, int kw, float[] output, int outOffset, int outChannelStride)
    {
        var taps = kh * kw;
        var chanStride = scratchRows * wp;
        var tmp = stackalloc float[ChannelBlock * PixelBlock];
        fixed (float* px = scratch, pw0 = packed, py = output)
        {
            for (var r = 0; r < rows; r++)
            for (var o0 = 0; o0 < owr; o0 += PixelBlock)
            for (var k4 = 0; k4 * ChannelBlock < outC; k4++)
            {
                var a00 = Vector256<float>.Zero; var a01 = Vector256<float>.Zero;
                var a10 = Vector256<float>.Zero; var a11 = Vector256<float>.Zero;
                var a20 = Vector256<float>.Zero; var a21 = Vector256<float>.Zero;
                var a30 = Vector256<float>.Zero; var a31 = Vector256<float>.Zero;
                var wv = pw0 + (long)k4 * inC * taps * ChannelBlock;
                for (var c = 0; c < inC; c++)
                {
                    var xc = px + (long)c * chanStride + r * wp + o0;
                    for (var i = 0; i < kh; i++)
                    {
                        var xr = xc + i * wp;
                        for (var j = 0; j < kw; j++, wv += ChannelBlock)
                        {
                            var x0 = Avx.LoadVector256(xr + j);
                            var x1 = Avx.LoadVector256(xr + j + 8);
                            var w0 = Vector256.Create(wv[0]);
                            a00 = Fma.MultiplyAdd(w0, x0, a00); a01 = Fma.MultiplyAdd(w0, x1, a01);
                            var w1 = Vector256.Create(wv[1]);
                            a10 = Fma.MultiplyAdd(w1, x0, a10); a11 = Fma.MultiplyAdd(w1, x1, a11);
                            var w2 = Vector256.Create(wv[2]);
                            a20 = Fma.MultiplyAdd(w2, x0, a20); a21 = Fma.MultiplyAdd(w2, x1, a21);
                            var w3 = Vector256.Create(wv[3]);
                            a30 = Fma.MultiplyAdd(w3, x0, a30); a31 = Fma.MultiplyAdd(w3, x1, a31);
                        }
                    }
                }
                Avx.Store(tmp, a00); Avx.Store(tmp + 8, a01);
                Avx.Store(tmp + 16, a10); Avx.Store(tmp + 24, a11);
                Avx.Store(tmp + 32, a20); Avx.Store(tmp + 40, a21);
                Avx.Store(tmp + 48, a30); Avx.Store(tmp + 56, a31);
                var valid = Math.Min(PixelBlock, ow - o0);
                for (var l = 0; l < ChannelBlock; l++)
                {
                    var k = k4 * ChannelBlock + l;
                    if (k >= outC) break;
                    var dst = py + outOffset + (long)k * outChannelStride + r * ow + o0;
                    var src = tmp + l * PixelBlock;
                    if (valid == PixelBlock)
                    {
                        Avx.Store(dst, Avx.LoadVector256(src));
                        Avx.Store(dst + 8, Avx.LoadVector256(src + 8));
                    }
                    else
                        for (var q = 0; q < valid; q++) dst[q] = src[q];
                }
            }
        }
    }
}
