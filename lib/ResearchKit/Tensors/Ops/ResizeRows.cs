using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Tensors.Ops;

/// <summary>One row of a linear resize along W: the general table-driven loops and, for the hot ×2 case without
/// aligned corners (weights 0.25/0.75), AVX-512 loops that interleave even and odd outputs with two-source permutes.</summary>
internal static class ResizeRows
{
    private const int MinFastWidth = 20;

    /// <summary>dst[o] = L0[o]·src[I0[o]] + L1[o]·src[I1[o]].</summary>
    public static void Forward(ReadOnlySpan<float> src, Span<float> dst, LinearAxis ax)
    {
        var from = 0;
        if (IsDoubling(ax, src.Length))
        {
            from = 2 * ForwardDoubling(src, dst);
            dst[0] = ax.L0[0] * src[ax.I0[0]] + ax.L1[0] * src[ax.I1[0]];
            dst[1] = ax.L0[1] * src[ax.I0[1]] + ax.L1[1] * src[ax.I1[1]];
        }
        for (var o = from; o < dst.Length; o++) dst[o] = ax.L0[o] * src[ax.I0[o]] + ax.L1[o] * src[ax.I1[o]];
    }

    /// <summary>dst[I0[o]] += L0[o]·src[o] and dst[I1[o]] += L1[o]·src[o], with dst cleared first.</summary>
    public static void Backward(ReadOnlySpan<float> src, Span<float> dst, LinearAxis ax)
    {
        dst.Clear();
        if (IsDoubling(ax, dst.Length))
        {
            var done = BackwardDoubling(src, dst); // dst[1 .. done) complete
            foreach (var o in new[] { 0, 1, 2 })
            {
                if (ax.I0[o] == 0) dst[0] += ax.L0[o] * src[o];
                if (ax.I1[o] == 0) dst[0] += ax.L1[o] * src[o];
            }
            for (var o = 2 * done - 2; o < src.Length; o++)
            {
                if (ax.I0[o] >= done) dst[ax.I0[o]] += ax.L0[o] * src[o];
                if (ax.I1[o] >= done) dst[ax.I1[o]] += ax.L1[o] * src[o];
            }
            return;
        }
        for (var o = 0; o < src.Length; o++)
        {
            dst[ax.I0[o]] += ax.L0[o] * src[o];
            dst[ax.I1[o]] += ax.L1[o] * src[o];
        }
    }

    /// <summary>Interior outputs 2j, 2j+1 = 0.25·s[j−1] + 0.75·s[j], 0.75·s[j] + 0.25·s[j+1] for j from 1 in blocks of 16;
    /// returns the first j not written.</summary>
    private static int ForwardDoubling(ReadOnlySpan<float> src, Span<float> dst)
    {
        Vector512<float> quarter = Vector512.Create(0.25f), threeQuarters = Vector512.Create(0.75f);
        Vector512<int> lo = Vector512.Create(0, 16, 1, 17, 2, 18, 3, 19, 4, 20, 5, 21, 6, 22, 7, 23), hi = lo + Vector512.Create(8);
        ref var s = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(src);
        ref var d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(dst);
        var j = 1;
        for (; j + 16 <= src.Length - 1; j += 16)
        {
            var left = Vector512.LoadUnsafe(ref s, (nuint)(j - 1));
            var mid = Vector512.LoadUnsafe(ref s, (nuint)j);
            var right = Vector512.LoadUnsafe(ref s, (nuint)(j + 1));
            var even = quarter * left + threeQuarters * mid;
            var odd = threeQuarters * mid + quarter * right;
            Avx512F.PermuteVar16x32x2(even, lo, odd).StoreUnsafe(ref d, (nuint)(2 * j));
            Avx512F.PermuteVar16x32x2(even, hi, odd).StoreUnsafe(ref d, (nuint)(2 * j + 16));
        }
        return j;
    }

    /// <summary>Interior inputs j ≥ 1 receive 0.75·(g[2j] + g[2j+1]) + 0.25·(g[2j−1] + g[2j+2]), in blocks of 16;
    /// returns the first j not written.</summary>
    private static int BackwardDoubling(ReadOnlySpan<float> src, Span<float> dst)
    {
        Vector512<float> quarter = Vector512.Create(0.25f), threeQuarters = Vector512.Create(0.75f);
        var evenIndex = Vector512.Create(0, 2, 4, 6, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30);
        var oddIndex = evenIndex + Vector512<int>.One;
        ref var g = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(src);
        ref var d = ref System.Runtime.InteropServices.MemoryMarshal.GetReference(dst);
        var j = 1;
        for (; j + 16 <= dst.Length - 1; j += 16)
        {
            // g[2j−1 .. 2j+31) and g[2j+1 .. 2j+33) deinterleaved: odd-before (2j−1+2k), even (2j+2k), odd (2j+1+2k), even-after (2j+2+2k).
            Vector512<float> a0 = Vector512.LoadUnsafe(ref g, (nuint)(2 * j - 1)), a1 = Vector512.LoadUnsafe(ref g, (nuint)(2 * j + 15));
            Vector512<float> b0 = Vector512.LoadUnsafe(ref g, (nuint)(2 * j + 1)), b1 = Vector512.LoadUnsafe(ref g, (nuint)(2 * j + 17));
            var oddBefore = Avx512F.PermuteVar16x32x2(a0, evenIndex, a1);
            var even = Avx512F.PermuteVar16x32x2(a0, oddIndex, a1);
            var odd = Avx512F.PermuteVar16x32x2(b0, evenIndex, b1);
            var evenAfter = Avx512F.PermuteVar16x32x2(b0, oddIndex, b1);
            (threeQuarters * (even + odd) + quarter * (oddBefore + evenAfter)).StoreUnsafe(ref d, (nuint)j);
        }
        return j;
    }

    /// <summary>Whether the axis is the ×2, align_corners = false mapping the vector loops assume.</summary>
    private static bool IsDoubling(LinearAxis ax, int input) =>
        Avx512F.IsSupported && input >= MinFastWidth && ax.I0.Length == 2 * input && ax.L1[1] == 0.25f && ax.L1[2] == 0.75f && ax.I0[2] == 0;
}
