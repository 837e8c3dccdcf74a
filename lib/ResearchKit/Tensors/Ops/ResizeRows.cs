using System.Runtime.Intrinsics;
using System.Runtime.InteropServices;

namespace ResearchKit.Tensors.Ops;

/// <summary>One row of a linear resize along W: the general table-driven loops and, for the hot ×2 case without
/// aligned corners (weights 0.25/0.75), AVX2 loops that interleave even and odd outputs with two-source permutes.</summary>
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

    /// <summary>Interior outputs 2j, 2j+1 = 0.25·s[j−1] + 0.75·s[j], 0.75·s[j] + 0.25·s[j+1] for j from 1 in blocks of 8;
    /// returns the first j not written.</summary>
    private static int ForwardDoubling(ReadOnlySpan<float> src, Span<float> dst)
    {
        Vector256<float> quarter = Vector256.Create(0.25f), threeQuarters = Vector256.Create(0.75f);
        ref var s = ref MemoryMarshal.GetReference(src);
        ref var d = ref MemoryMarshal.GetReference(dst);
        var j = 1;
        for (; j + 8 <= src.Length - 1; j += 8)
        {
            var mid = Vector256.LoadUnsafe(ref s, (nuint)j);
            var even = quarter * Vector256.LoadUnsafe(ref s, (nuint)(j - 1)) + threeQuarters * mid;
            var odd = threeQuarters * mid + quarter * Vector256.LoadUnsafe(ref s, (nuint)(j + 1));
            var (lo, hi) = Simd.Interleave(even, odd);
            lo.StoreUnsafe(ref d, (nuint)(2 * j));
            hi.StoreUnsafe(ref d, (nuint)(2 * j + 8));
        }
        return j;
    }

    /// <summary>Interior inputs j ≥ 1 receive 0.75·(g[2j] + g[2j+1]) + 0.25·(g[2j−1] + g[2j+2]), in blocks of 8;
    /// returns the first j not written.</summary>
    private static int BackwardDoubling(ReadOnlySpan<float> src, Span<float> dst)
    {
        Vector256<float> quarter = Vector256.Create(0.25f), threeQuarters = Vector256.Create(0.75f);
        ref var g = ref MemoryMarshal.GetReference(src);
        ref var d = ref MemoryMarshal.GetReference(dst);
        var j = 1;
        for (; j + 8 <= dst.Length - 1; j += 8)
        {
            // g[2j−1 ..] splits into g[2j−1+2k] and g[2j+2k]; g[2j+1 ..] into g[2j+1+2k] and g[2j+2+2k].
            var (oddBefore, even) = Simd.Deinterleave(Vector256.LoadUnsafe(ref g, (nuint)(2 * j - 1)), Vector256.LoadUnsafe(ref g, (nuint)(2 * j + 7)));
            var (odd, evenAfter) = Simd.Deinterleave(Vector256.LoadUnsafe(ref g, (nuint)(2 * j + 1)), Vector256.LoadUnsafe(ref g, (nuint)(2 * j + 9)));
            (threeQuarters * (even + odd) + quarter * (oddBefore + evenAfter)).StoreUnsafe(ref d, (nuint)j);
        }
        return j;
    }

    /// <summary>Whether the axis is the ×2, align_corners = false mapping the vector loops assume.</summary>
    private static bool IsDoubling(LinearAxis ax, int input) =>
        Simd.HasShuffles && input >= MinFastWidth && ax.I0.Length == 2 * input && ax.L1[1] == 0.25f && ax.L1[2] == 0.75f && ax.I0[2] == 0;
}
