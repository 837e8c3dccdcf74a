using System.Buffers;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Tensors.Kernels;

internal static partial class DirectConv
{
    private const int TilePixels = 24;        // output positions per register tile: 3 vectors × 4 channels = 12 accumulators
    private const int BandFloats = 64 * 1024;  // input scratch of one task, about half of a 512 KiB L2
    private const int AccFloats = 32 * 1024;   // output accumulators of one task, kept in L2 across channel chunks
    private const int ChunkFloats = 4 * 1024;  // input of one channel chunk, reused from L1 by every channel block
    private const int MinChunk = 8;

    // out [N,outC,oh,ow] = conv(input [N,inC,h,w], packed [outC/4][inC][kh·kw][4]), stride 1, dilation (dh,dw), zero
    // padding (ph,pw). A band's input is stored flat per channel with rows wp = w + 2·pw apart, so output (r, o) is flat
    // position r·wp + o and tap (i, j) reads position + i·dh·wp + j·dw: one contiguous run whatever the row width. The
    // last wp − ow positions of each row are computed and dropped.
    private static void Run(ChannelParts input, int n, int inC, int h, int w, float[] packed, int outC, int oh, int ow,
        int kh, int kw, int ph, int pw, int dh, int dw, ChannelParts output, ConvEpilogue epilogue)
    {
        int wp = w + 2 * pw, halo = dh * (kh - 1);
        var blocks = (outC + ChannelBlock - 1) / ChannelBlock;
        var band = Math.Clamp(Math.Min(BandFloats / Math.Max(1, inC * wp) - halo, AccFloats / (blocks * ChannelBlock * wp)), 1, oh);
        // A small batch still gives every thread two tasks.
        var splits = (2 * Threading.Threads + n - 1) / n;
        if ((oh + band - 1) / band < splits) band = Math.Max(1, (oh + splits - 1) / splits);
        var rowVectors = ow % 8 == 0;
        if (!rowVectors) band = WholeTiles(band, wp);
        var bands = (oh + band - 1) / band;
        Threading.For(n * bands, t =>
        {
            int s = t / bands, oh0 = t % bands * band, rows = Math.Min(band, oh - oh0);
            var flat = (rows * wp + TilePixels - 1) / TilePixels * TilePixels;
            var chanLen = (flat + halo * wp + dw * (kw - 1) + 7) / 8 * 8;
            var scratch = ArrayPool<float>.Shared.Rent(inC * chanLen);
            var span = scratch.AsSpan(0, inC * chanLen);
            span.Clear();
            for (var c = 0; c < inC; c++)
            for (var r = 0; r < rows + halo; r++)
            {
                var ih = oh0 + r - ph;
                if ((uint)ih < (uint)h) input.Plane(s, c, h * w).Slice(ih * w, w).CopyTo(span.Slice(c * chanLen + r * wp + pw, w));
            }
            var acc = ArrayPool<float>.Shared.Rent(blocks * ChannelBlock * flat);
            var positions = Positions(rowVectors, rows, wp, ow, flat, out var vectors);
            Tiles(scratch, chanLen, inC, packed, blocks, kh, kw, dh * wp, dw, flat, positions, vectors, acc);
            ArrayPool<int>.Shared.Return(positions);
            for (var k = 0; k < outC; k++)
            for (var r = 0; r < rows; r++)
                epilogue.Apply(k, acc.AsSpan(k * flat + r * wp, ow), output.Plane(s, k, oh * ow).Slice((oh0 + r) * ow, ow));
            ArrayPool<float>.Shared.Return(scratch);
            ArrayPool<float>.Shared.Return(acc);
        });
    }

    // Flat positions of the vectors of 8 outputs that the tiles compute, 3 per tile (rented). Rows whose width is a
    // multiple of 8 are covered exactly, row by row, so no padding column is computed; otherwise the vectors run
    // over the whole flat band (padding columns included). A last partial tile repeats its final vector, which is
    // then computed twice with the same sums.
    private static int[] Positions(bool rowVectors, int rows, int wp, int ow, int flat, out int count)
    {
        count = rowVectors ? rows * ow / 8 : flat / 8;
        var tiles = (count + 2) / 3;
        var positions = ArrayPool<int>.Shared.Rent(3 * tiles);
        for (var v = 0; v < count; v++) positions[v] = rowVectors ? v / (ow / 8) * wp + v % (ow / 8) * 8 : 8 * v;
        for (var v = count; v < 3 * tiles; v++) positions[v] = positions[count - 1];
        count = 3 * tiles;
        return positions;
    }

    // The largest band of at most `band` rows whose flat length rows·wp is a whole number of tiles, when one of at least
    // half the rows exists: every computed tile position is then an output or a row's padding, none is a tail.
    private static int WholeTiles(int band, int wp)
    {
        for (var rows = band; rows > 0 && 2 * rows >= band; rows--)
            if (rows * wp % TilePixels == 0) return rows;
        return band;
    }

    // acc [blocks·4, flat] = Σ over input channels and taps, one chunk of input channels at a time (chunks in order, so
    // the summation order is fixed) and, within a chunk, every channel block over the whole band.
    private static unsafe void Tiles(float[] scratch, int chanLen, int inC, float[] packed, int blocks, int kh, int kw,
        int rowStep, int colStep, int flat, int[] positions, int vectors, float[] acc)
    {
        var taps = kh * kw;
        var offsets = stackalloc int[taps];
        for (var i = 0; i < kh; i++)
        for (var j = 0; j < kw; j++) offsets[i * kw + j] = i * rowStep + j * colStep;
        var chunk = Math.Clamp(ChunkFloats / chanLen, Math.Min(MinChunk, inC), inC);
        fixed (float* px = scratch, pw = packed, pa = acc)
        {
            for (var c0 = 0; c0 < inC; c0 += chunk)
            {
                var channels = Math.Min(chunk, inC - c0);
                for (var b = 0; b < blocks; b++)
                {
                    var wv = pw + ((long)b * inC + c0) * taps * ChannelBlock;
                    var a = pa + (long)b * ChannelBlock * flat;
                    var x = px + (long)c0 * chanLen;
                    for (var v = 0; v < vectors; v += 3)
                    {
                        int v0 = positions[v], v1 = positions[v + 1], v2 = positions[v + 2];
                        if (kh == 3 && kw == 3 && colStep == 1) Tile3x3(x, v0, v1, v2, chanLen, channels, wv, rowStep, a, flat, c0 == 0);
                        else Tile(x, v0, v1, v2, chanLen, channels, wv, offsets, taps, a, flat, c0 == 0);
                    }
                }
            }
        }
    }

    // One register tile: 4 output channels × 3 vectors of 8 positions (flat offsets v0, v1, v2), over `channels` input
    // channels × taps.
    private static unsafe void Tile(float* x, int v0, int v1, int v2, int chanLen, int channels, float* wv, int* offsets, int taps, float* acc,
        int accStride, bool first)
    {
        Vector256<float> a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32;
        if (first)
        {
            a00 = a01 = a02 = a10 = a11 = a12 = a20 = a21 = a22 = a30 = a31 = a32 = Vector256<float>.Zero;
        }
        else
        {
            float* r0 = acc, r1 = acc + accStride, r2 = acc + 2 * accStride, r3 = acc + 3 * accStride;
            a00 = Avx.LoadVector256(r0 + v0); a01 = Avx.LoadVector256(r0 + v1); a02 = Avx.LoadVector256(r0 + v2);
            a10 = Avx.LoadVector256(r1 + v0); a11 = Avx.LoadVector256(r1 + v1); a12 = Avx.LoadVector256(r1 + v2);
            a20 = Avx.LoadVector256(r2 + v0); a21 = Avx.LoadVector256(r2 + v1); a22 = Avx.LoadVector256(r2 + v2);
            a30 = Avx.LoadVector256(r3 + v0); a31 = Avx.LoadVector256(r3 + v1); a32 = Avx.LoadVector256(r3 + v2);
        }
        for (var c = 0; c < channels; c++, x += chanLen)
        for (var t = 0; t < taps; t++, wv += ChannelBlock)
        {
            var xr = x + offsets[t];
            var x0 = Avx.LoadVector256(xr + v0);
            var x1 = Avx.LoadVector256(xr + v1);
            var x2 = Avx.LoadVector256(xr + v2);
            var wb = Avx.BroadcastScalarToVector256(wv);
            a00 = Fma.MultiplyAdd(wb, x0, a00); a01 = Fma.MultiplyAdd(wb, x1, a01); a02 = Fma.MultiplyAdd(wb, x2, a02);
            wb = Avx.BroadcastScalarToVector256(wv + 1);
            a10 = Fma.MultiplyAdd(wb, x0, a10); a11 = Fma.MultiplyAdd(wb, x1, a11); a12 = Fma.MultiplyAdd(wb, x2, a12);
            wb = Avx.BroadcastScalarToVector256(wv + 2);
            a20 = Fma.MultiplyAdd(wb, x0, a20); a21 = Fma.MultiplyAdd(wb, x1, a21); a22 = Fma.MultiplyAdd(wb, x2, a22);
            wb = Avx.BroadcastScalarToVector256(wv + 3);
            a30 = Fma.MultiplyAdd(wb, x0, a30); a31 = Fma.MultiplyAdd(wb, x1, a31); a32 = Fma.MultiplyAdd(wb, x2, a32);
        }
        {
            float* r0 = acc, r1 = acc + accStride, r2 = acc + 2 * accStride, r3 = acc + 3 * accStride;
            Avx.Store(r0 + v0, a00); Avx.Store(r0 + v1, a01); Avx.Store(r0 + v2, a02);
            Avx.Store(r1 + v0, a10); Avx.Store(r1 + v1, a11); Avx.Store(r1 + v2, a12);
            Avx.Store(r2 + v0, a20); Avx.Store(r2 + v1, a21); Avx.Store(r2 + v2, a22);
            Avx.Store(r3 + v0, a30); Avx.Store(r3 + v1, a31); Avx.Store(r3 + v2, a32);
        }
    }

    // Tile for 3x3 kernels of dilation 1 in width (rowStep = dh·wp).
    private static unsafe void Tile3x3(float* x, int v0, int v1, int v2, int chanLen, int channels, float* wv, int rowStep, float* acc,
        int accStride, bool first)
    {
        Vector256<float> a00, a01, a02, a10, a11, a12, a20, a21, a22, a30, a31, a32;
        if (first)
        {
            a00 = a01 = a02 = a10 = a11 = a12 = a20 = a21 = a22 = a30 = a31 = a32 = Vector256<float>.Zero;
        }
        else
        {
            float* r0 = acc, r1 = acc + accStride, r2 = acc + 2 * accStride, r3 = acc + 3 * accStride;
            a00 = Avx.LoadVector256(r0 + v0); a01 = Avx.LoadVector256(r0 + v1); a02 = Avx.LoadVector256(r0 + v2);
            a10 = Avx.LoadVector256(r1 + v0); a11 = Avx.LoadVector256(r1 + v1); a12 = Avx.LoadVector256(r1 + v2);
            a20 = Avx.LoadVector256(r2 + v0); a21 = Avx.LoadVector256(r2 + v1); a22 = Avx.LoadVector256(r2 + v2);
            a30 = Avx.LoadVector256(r3 + v0); a31 = Avx.LoadVector256(r3 + v1); a32 = Avx.LoadVector256(r3 + v2);
        }
        for (var c = 0; c < channels; c++, x += chanLen)
        for (var xr = x; xr < x + 3 * rowStep; xr += rowStep, wv += 3 * ChannelBlock)
        {
            // Taps (i, 0), (i, 1), (i, 2) at constant offsets from row i: Tile's sums in Tile's order, fewer instructions.
            {
                var x0 = Avx.LoadVector256(xr + v0 + 0);
                var x1 = Avx.LoadVector256(xr + v1 + 0);
                var x2 = Avx.LoadVector256(xr + v2 + 0);
                var wb = Avx.BroadcastScalarToVector256(wv + 0);
                a00 = Fma.MultiplyAdd(wb, x0, a00); a01 = Fma.MultiplyAdd(wb, x1, a01); a02 = Fma.MultiplyAdd(wb, x2, a02);
                wb = Avx.BroadcastScalarToVector256(wv + 1);
                a10 = Fma.MultiplyAdd(wb, x0, a10); a11 = Fma.MultiplyAdd(wb, x1, a11); a12 = Fma.MultiplyAdd(wb, x2, a12);
                wb = Avx.BroadcastScalarToVector256(wv + 2);
                a20 = Fma.MultiplyAdd(wb, x0, a20); a21 = Fma.MultiplyAdd(wb, x1, a21); a22 = Fma.MultiplyAdd(wb, x2, a22);
                wb = Avx.BroadcastScalarToVector256(wv + 3);
                a30 = Fma.MultiplyAdd(wb, x0, a30); a31 = Fma.MultiplyAdd(wb, x1, a31); a32 = Fma.MultiplyAdd(wb, x2, a32);
            }
            {
                var x0 = Avx.LoadVector256(xr + v0 + 1);
                var x1 = Avx.LoadVector256(xr + v1 + 1);
                var x2 = Avx.LoadVector256(xr + v2 + 1);
                var wb = Avx.BroadcastScalarToVector256(wv + 4);
                a00 = Fma.MultiplyAdd(wb, x0, a00); a01 = Fma.MultiplyAdd(wb, x1, a01); a02 = Fma.MultiplyAdd(wb, x2, a02);
                wb = Avx.BroadcastScalarToVector256(wv + 5);
                a10 = Fma.MultiplyAdd(wb, x0, a10); a11 = Fma.MultiplyAdd(wb, x1, a11); a12 = Fma.MultiplyAdd(wb, x2, a12);
                wb = Avx.BroadcastScalarToVector256(wv + 6);
                a20 = Fma.MultiplyAdd(wb, x0, a20); a21 = Fma.MultiplyAdd(wb, x1, a21); a22 = Fma.MultiplyAdd(wb, x2, a22);
                wb = Avx.BroadcastScalarToVector256(wv + 7);
                a30 = Fma.MultiplyAdd(wb, x0, a30); a31 = Fma.MultiplyAdd(wb, x1, a31); a32 = Fma.MultiplyAdd(wb, x2, a32);
            }
            {
                var x0 = Avx.LoadVector256(xr + v0 + 2);
                var x1 = Avx.LoadVector256(xr + v1 + 2);
                var x2 = Avx.LoadVector256(xr + v2 + 2);
                var wb = Avx.BroadcastScalarToVector256(wv + 8);
                a00 = Fma.MultiplyAdd(wb, x0, a00); a01 = Fma.MultiplyAdd(wb, x1, a01); a02 = Fma.MultiplyAdd(wb, x2, a02);
                wb = Avx.BroadcastScalarToVector256(wv + 9);
                a10 = Fma.MultiplyAdd(wb, x0, a10); a11 = Fma.MultiplyAdd(wb, x1, a11); a12 = Fma.MultiplyAdd(wb, x2, a12);
                wb = Avx.BroadcastScalarToVector256(wv + 10);
                a20 = Fma.MultiplyAdd(wb, x0, a20); a21 = Fma.MultiplyAdd(wb, x1, a21); a22 = Fma.MultiplyAdd(wb, x2, a22);
                wb = Avx.BroadcastScalarToVector256(wv + 11);
                a30 = Fma.MultiplyAdd(wb, x0, a30); a31 = Fma.MultiplyAdd(wb, x1, a31); a32 = Fma.MultiplyAdd(wb, x2, a32);
            }
        }
        {
            float* r0 = acc, r1 = acc + accStride, r2 = acc + 2 * accStride, r3 = acc + 3 * accStride;
            Avx.Store(r0 + v0, a00); Avx.Store(r0 + v1, a01); Avx.Store(r0 + v2, a02);
            Avx.Store(r1 + v0, a10); Avx.Store(r1 + v1, a11); Avx.Store(r1 + v2, a12);
            Avx.Store(r2 + v0, a20); Avx.Store(r2 + v1, a21); Avx.Store(r2 + v2, a22);
            Avx.Store(r3 + v0, a30); Avx.Store(r3 + v1, a31); Avx.Store(r3 + v2, a32);
        }
    }
}
