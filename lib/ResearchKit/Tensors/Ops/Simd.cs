using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Tensors.Ops;

/// <summary>Fused vector loops that TensorPrimitives has no single call for (each saves a pass over memory), and the
/// AVX2 even/odd shuffles the pooling and resizing kernels share.</summary>
/// <remarks>Vector256 (AVX2 on x64, two NEON registers on Arm) with a scalar tail; the lane order of every reduction
/// is fixed, so results depend only on the input, never on scheduling.</remarks>
internal static class Simd
{
    /// <summary>Σ (x − mean)².</summary>
    public static float SumSquaredDeviation(ReadOnlySpan<float> x, float mean)
    {
        ref var px = ref MemoryMarshal.GetReference(x);
        int i = 0, n = x.Length;
        float s = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var m = Vector256.Create(mean);
            Vector256<float> a0 = default, a1 = default;
            for (; i <= n - 16; i += 16)
            {
                var d0 = Vector256.LoadUnsafe(ref px, (nuint)i) - m;
                var d1 = Vector256.LoadUnsafe(ref px, (nuint)(i + 8)) - m;
                a0 = Vector256.FusedMultiplyAdd(d0, d0, a0);
                a1 = Vector256.FusedMultiplyAdd(d1, d1, a1);
            }
            s = Vector256.Sum(a0 + a1);
        }
        for (; i < n; i++) { var d = Unsafe.Add(ref px, i) - mean; s += d * d; }
        return s;
    }

    /// <summary>(Σ g, Σ g·(x − mean)) in one pass.</summary>
    public static (float SumG, float SumGx) SumAndCenteredDot(ReadOnlySpan<float> g, ReadOnlySpan<float> x, float mean)
    {
        ref var pg = ref MemoryMarshal.GetReference(g);
        ref var px = ref MemoryMarshal.GetReference(x);
        int i = 0, n = g.Length;
        float sg = 0, sgx = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var m = Vector256.Create(mean);
            Vector256<float> ag = default, agx = default;
            for (; i <= n - 8; i += 8)
            {
                var vg = Vector256.LoadUnsafe(ref pg, (nuint)i);
                ag += vg;
                agx = Vector256.FusedMultiplyAdd(vg, Vector256.LoadUnsafe(ref px, (nuint)i) - m, agx);
            }
            sg = Vector256.Sum(ag);
            sgx = Vector256.Sum(agx);
        }
        for (; i < n; i++)
        {
            var vg = Unsafe.Add(ref pg, i);
            sg += vg;
            sgx += vg * (Unsafe.Add(ref px, i) - mean);
        }
        return (sg, sgx);
    }

    /// <summary>dest = x·a + b, or max(x·a + b, 0) with <paramref name="relu"/>.</summary>
    public static void Affine(ReadOnlySpan<float> x, float a, float b, Span<float> dest, bool relu = false)
    {
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var pd = ref MemoryMarshal.GetReference(dest);
        int i = 0, n = x.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> va = Vector256.Create(a), vb = Vector256.Create(b);
            if (relu)
                for (; i <= n - 8; i += 8)
                    Vector256.Max(Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)i), va, vb), Vector256<float>.Zero).StoreUnsafe(ref pd, (nuint)i);
            else
                for (; i <= n - 8; i += 8)
                    Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)i), va, vb).StoreUnsafe(ref pd, (nuint)i);
        }
        for (; i < n; i++)
        {
            var v = MathF.FusedMultiplyAdd(Unsafe.Add(ref px, i), a, b);
            Unsafe.Add(ref pd, i) = relu ? Math.Max(v, 0f) : v;
        }
    }

    /// <summary>dest = g·a + x·b + c.</summary>
    public static void AffineOfTwo(ReadOnlySpan<float> g, float a, ReadOnlySpan<float> x, float b, float c, Span<float> dest)
    {
        ref var pg = ref MemoryMarshal.GetReference(g);
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var pd = ref MemoryMarshal.GetReference(dest);
        int i = 0, n = g.Length;
        if (Vector256.IsHardwareAccelerated)
        {
            Vector256<float> va = Vector256.Create(a), vb = Vector256.Create(b), vc = Vector256.Create(c);
            for (; i <= n - 8; i += 8)
            {
                var t = Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref px, (nuint)i), vb, vc);
                Vector256.FusedMultiplyAdd(Vector256.LoadUnsafe(ref pg, (nuint)i), va, t).StoreUnsafe(ref pd, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref pd, i) = MathF.FusedMultiplyAdd(Unsafe.Add(ref pg, i), a, MathF.FusedMultiplyAdd(Unsafe.Add(ref px, i), b, c));
    }

    /// <summary>dest = y &gt; 0 ? g : 0 (ReLU's backward, gated on its output like PyTorch's threshold_backward).</summary>
    public static void PassWherePositive(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dest)
    {
        ref var pg = ref MemoryMarshal.GetReference(g);
        ref var py = ref MemoryMarshal.GetReference(y);
        ref var pd = ref MemoryMarshal.GetReference(dest);
        int i = 0, n = g.Length;
        if (Vector256.IsHardwareAccelerated)
            for (; i <= n - 8; i += 8)
            {
                var mask = Vector256.GreaterThan(Vector256.LoadUnsafe(ref py, (nuint)i), Vector256<float>.Zero);
                (Vector256.LoadUnsafe(ref pg, (nuint)i) & mask).StoreUnsafe(ref pd, (nuint)i);
            }
        for (; i < n; i++) Unsafe.Add(ref pd, i) = Unsafe.Add(ref py, i) > 0 ? Unsafe.Add(ref pg, i) : 0f;
    }

    /// <summary>Whether the AVX2 shuffles below are available (the pooling and ×2 resize fast paths need them).</summary>
    public static bool HasShuffles => Avx2.IsSupported;

    /// <summary>The even- and odd-indexed values of the 16 floats lo ++ hi, in order.</summary>
    public static (Vector256<float> Even, Vector256<float> Odd) Deinterleave(Vector256<float> lo, Vector256<float> hi)
    {
        // Within 128-bit lanes: [lo0 lo2 hi0 hi2 | lo4 lo6 hi4 hi6]; then 64-bit pairs reordered 0, 2, 1, 3.
        var even = Avx.Shuffle(lo, hi, 0b10_00_10_00);
        var odd = Avx.Shuffle(lo, hi, 0b11_01_11_01);
        return (Avx2.Permute4x64(even.AsDouble(), 0b11_01_10_00).AsSingle(), Avx2.Permute4x64(odd.AsDouble(), 0b11_01_10_00).AsSingle());
    }

    /// <summary>e0 o0 e1 o1 ... e7 o7 as two vectors (the inverse of <see cref="Deinterleave"/>).</summary>
    public static (Vector256<float> Lo, Vector256<float> Hi) Interleave(Vector256<float> even, Vector256<float> odd)
    {
        var a = Avx.UnpackLow(even, odd);   // e0 o0 e1 o1 | e4 o4 e5 o5
        var b = Avx.UnpackHigh(even, odd);  // e2 o2 e3 o3 | e6 o6 e7 o7
        return (Avx.Permute2x128(a, b, 0x20), Avx.Permute2x128(a, b, 0x31));
    }
}
