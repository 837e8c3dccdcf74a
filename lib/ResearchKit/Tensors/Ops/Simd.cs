using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ResearchKit.Tensors.Ops;

/// <summary>Fused vector loops that TensorPrimitives has no single call for (each saves a pass over memory).</summary>
/// <remarks>Vector512 where the CPU has it, else <see cref="Vector{T}"/>; the lane order of every reduction is fixed,
/// so results depend only on the input, never on scheduling.</remarks>
internal static class Simd
{
    /// <summary>Σ (x − mean)².</summary>
    public static float SumSquaredDeviation(ReadOnlySpan<float> x, float mean)
    {
        ref var px = ref MemoryMarshal.GetReference(x);
        int i = 0, n = x.Length;
        float s = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(mean);
            Vector512<float> a0 = default, a1 = default;
            for (; i <= n - 32; i += 32)
            {
                var d0 = Vector512.LoadUnsafe(ref px, (nuint)i) - m;
                var d1 = Vector512.LoadUnsafe(ref px, (nuint)(i + 16)) - m;
                a0 = Vector512.FusedMultiplyAdd(d0, d0, a0);
                a1 = Vector512.FusedMultiplyAdd(d1, d1, a1);
            }
            s = Vector512.Sum(a0 + a1);
        }
        else if (Vector.IsHardwareAccelerated)
        {
            var m = new Vector<float>(mean);
            var a = Vector<float>.Zero;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var d = Vector.LoadUnsafe(ref px, (nuint)i) - m;
                a += d * d;
            }
            s = Vector.Sum(a);
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
        if (Vector512.IsHardwareAccelerated)
        {
            var m = Vector512.Create(mean);
            Vector512<float> ag = default, agx = default;
            for (; i <= n - 16; i += 16)
            {
                var vg = Vector512.LoadUnsafe(ref pg, (nuint)i);
                ag += vg;
                agx = Vector512.FusedMultiplyAdd(vg, Vector512.LoadUnsafe(ref px, (nuint)i) - m, agx);
            }
            sg = Vector512.Sum(ag);
            sgx = Vector512.Sum(agx);
        }
        else if (Vector.IsHardwareAccelerated)
        {
            var m = new Vector<float>(mean);
            Vector<float> ag = default, agx = default;
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var vg = Vector.LoadUnsafe(ref pg, (nuint)i);
                ag += vg;
                agx += vg * (Vector.LoadUnsafe(ref px, (nuint)i) - m);
            }
            sg = Vector.Sum(ag);
            sgx = Vector.Sum(agx);
        }
        for (; i < n; i++)
        {
            var vg = Unsafe.Add(ref pg, i);
            sg += vg;
            sgx += vg * (Unsafe.Add(ref px, i) - mean);
        }
        return (sg, sgx);
    }

    /// <summary>dest = x·a + b.</summary>
    public static void Affine(ReadOnlySpan<float> x, float a, float b, Span<float> dest)
    {
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var pd = ref MemoryMarshal.GetReference(dest);
        int i = 0, n = x.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> va = Vector512.Create(a), vb = Vector512.Create(b);
            for (; i <= n - 16; i += 16)
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)i), va, vb).StoreUnsafe(ref pd, (nuint)i);
        }
        else if (Vector.IsHardwareAccelerated)
        {
            Vector<float> va = new(a), vb = new(b);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                (Vector.LoadUnsafe(ref px, (nuint)i) * va + vb).StoreUnsafe(ref pd, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref pd, i) = Unsafe.Add(ref px, i) * a + b;
    }

    /// <summary>dest = g·a + x·b + c.</summary>
    public static void AffineOfTwo(ReadOnlySpan<float> g, float a, ReadOnlySpan<float> x, float b, float c, Span<float> dest)
    {
        ref var pg = ref MemoryMarshal.GetReference(g);
        ref var px = ref MemoryMarshal.GetReference(x);
        ref var pd = ref MemoryMarshal.GetReference(dest);
        int i = 0, n = g.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            Vector512<float> va = Vector512.Create(a), vb = Vector512.Create(b), vc = Vector512.Create(c);
            for (; i <= n - 16; i += 16)
            {
                var t = Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref px, (nuint)i), vb, vc);
                Vector512.FusedMultiplyAdd(Vector512.LoadUnsafe(ref pg, (nuint)i), va, t).StoreUnsafe(ref pd, (nuint)i);
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            Vector<float> va = new(a), vb = new(b), vc = new(c);
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
                (Vector.LoadUnsafe(ref pg, (nuint)i) * va + Vector.LoadUnsafe(ref px, (nuint)i) * vb + vc).StoreUnsafe(ref pd, (nuint)i);
        }
        for (; i < n; i++) Unsafe.Add(ref pd, i) = Unsafe.Add(ref pg, i) * a + Unsafe.Add(ref px, i) * b + c;
    }

    /// <summary>dest = y &gt; 0 ? g : 0 (ReLU's backward, gated on its output like PyTorch's threshold_backward).</summary>
    public static void PassWherePositive(ReadOnlySpan<float> g, ReadOnlySpan<float> y, Span<float> dest)
    {
        ref var pg = ref MemoryMarshal.GetReference(g);
        ref var py = ref MemoryMarshal.GetReference(y);
        ref var pd = ref MemoryMarshal.GetReference(dest);
        int i = 0, n = g.Length;
        if (Vector512.IsHardwareAccelerated)
        {
            for (; i <= n - 16; i += 16)
            {
                var mask = Vector512.GreaterThan(Vector512.LoadUnsafe(ref py, (nuint)i), Vector512<float>.Zero);
                (Vector512.LoadUnsafe(ref pg, (nuint)i) & mask).StoreUnsafe(ref pd, (nuint)i);
            }
        }
        else if (Vector.IsHardwareAccelerated)
        {
            for (; i <= n - Vector<float>.Count; i += Vector<float>.Count)
            {
                var mask = Vector.GreaterThan(Vector.LoadUnsafe(ref py, (nuint)i), Vector<float>.Zero);
                Vector.BitwiseAnd(Vector.LoadUnsafe(ref pg, (nuint)i), mask.As<int, float>()).StoreUnsafe(ref pd, (nuint)i);
            }
        }
        for (; i < n; i++) Unsafe.Add(ref pd, i) = Unsafe.Add(ref py, i) > 0 ? Unsafe.Add(ref pg, i) : 0f;
    }
}
