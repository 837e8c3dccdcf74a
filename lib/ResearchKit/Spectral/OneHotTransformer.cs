using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ResearchKit.Spectral;

/// <summary>Per-worker scratch for "one-hot plane of one id → r2c FFT → power": two aligned planes and one plan.</summary>
/// <remarks>One channel at a time keeps the working set (one float plane, one half-plane spectrum, one double power
/// slice) small enough to stay in cache, which beats one batched transform over all channels. Allocated once and
/// reused, so streaming images allocates nothing. Not thread-safe: one per worker.</remarks>
internal sealed unsafe class OneHotTransformer
{
    private readonly AlignedBuffer<float> _input;
    private readonly AlignedBuffer<float> _output;
    private readonly nint _plan;

    /// <summary>Prepares the buffers and the single-threaded r2c plan of an H×W plane.</summary>
    public OneHotTransformer(int height, int width)
    {
        Height = height;
        Width = width;
        HalfCount = height * (width / 2 + 1);
        _input = new AlignedBuffer<float>((long)height * width);
        _output = new AlignedBuffer<float>(2L * HalfCount);
        _plan = FftwPlanCache.Get(new FftPlanKey(height, width, 1, FftKind.RealToComplexSingle, 1));
    }

    public int Height { get; }
    public int Width { get; }

    /// <summary>Elements of one half plane, H·(W/2+1).</summary>
    public int HalfCount { get; }

    /// <summary>Per channel: the label id it is the one-hot of (class c for c &lt; C, <paramref name="ignoreIndex"/> for the void channel).</summary>
    public static byte[] ChannelIds(int numClasses, int ignoreIndex, VoidHandling voidHandling)
    {
        CheckClasses(numClasses, ignoreIndex);
        var ids = Enumerable.Range(0, numClasses).Select(c => (byte)c);
        if (voidHandling == VoidHandling.SeparateChannel)
        {
            if (ignoreIndex is < 0 or > 255)
                throw new ArgumentException($"SeparateChannel needs a void id in 0..255, got ignoreIndex {ignoreIndex}.");
            ids = ids.Append((byte)ignoreIndex);
        }
        return ids.ToArray();
    }

    /// <summary>Throws unless numClasses is in 1..256 and ignoreIndex is not a class id.</summary>
    public static void CheckClasses(int numClasses, int ignoreIndex)
    {
        if (numClasses < 1 || numClasses > 256)
            throw new ArgumentException($"numClasses must be in 1..256, got {numClasses}.");
        if (ignoreIndex >= 0 && ignoreIndex < numClasses)
            throw new ArgumentException($"ignoreIndex {ignoreIndex} must not be a class id 0..{numClasses - 1}.");
    }

    /// <summary>Index of the first id that is neither a class 0..C−1 nor <paramref name="ignoreIndex"/>, or −1.</summary>
    public static int FindInvalid(ReadOnlySpan<byte> labels, int numClasses, int ignoreIndex)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated && numClasses < 256 && ignoreIndex is >= 0 and <= 255)
        {
            var classes = Vector256.Create((byte)numClasses);
            var ignore = Vector256.Create((byte)ignoreIndex);
            for (; i + 32 <= labels.Length; i += 32)
            {
                var v = Vector256.Create(labels.Slice(i, 32));
                var ok = Vector256.LessThan(v, classes) | Vector256.Equals(v, ignore);
                if (ok != Vector256<byte>.AllBitsSet) break;
            }
        }
        for (; i < labels.Length; i++)
            if (labels[i] >= numClasses && labels[i] != ignoreIndex) return i;
        return -1;
    }

    /// <summary>Fills the input plane with the one-hot of <paramref name="id"/>: 1 where labels[p] == id, else 0.</summary>
    public void FillOneHot(ReadOnlySpan<byte> labels, byte id)
    {
        var dst = _input.Pointer;
        var i = 0;
        fixed (byte* src = labels)
        {
            if (Avx2.IsSupported)
            {
                var target = Vector256.Create((int)id);
                var one = Vector256.Create(1f);
                for (; i + 8 <= labels.Length; i += 8)
                {
                    var widened = Avx2.ConvertToVector256Int32(src + i);  // 8 bytes -> 8 ints
                    Avx.Store(dst + i, Avx.And(Avx2.CompareEqual(widened, target).AsSingle(), one));
                }
            }
            for (; i < labels.Length; i++) dst[i] = src[i] == id ? 1f : 0f;
        }
        GC.KeepAlive(_input);
    }

    /// <summary>Fills the input plane with one-hot(a) − one-hot(b) for <paramref name="id"/> (values −1, 0, 1).</summary>
    public void FillOneHotDifference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, byte id)
    {
        var dst = _input.Span;
        for (var i = 0; i < dst.Length; i++) dst[i] = (a[i] == id ? 1f : 0f) - (b[i] == id ? 1f : 0f);
    }

    /// <summary>Runs the r2c transform of the input plane into the output half plane.</summary>
    /// <remarks>FFTW gets raw pointers: the buffers are kept reachable until it returns (see <see cref="AlignedBuffer{T}"/>).</remarks>
    public void Execute()
    {
        FftwNative.fftwf_execute_dft_r2c(_plan, _input.Pointer, _output.Pointer);
        GC.KeepAlive(_input);
        GC.KeepAlive(_output);
    }

    /// <summary>Adds |X|² of every output coefficient into <paramref name="power"/> (one half plane, double).</summary>
    public void AccumulatePower(Span<double> power)
    {
        if (power.Length != HalfCount) throw new ArgumentException($"Power slice needs {HalfCount} values, got {power.Length}.");
        fixed (double* dst = power) AccumulatePower(_output.Pointer, dst, HalfCount);
        GC.KeepAlive(_output);
    }

    private static void AccumulatePower(float* src, double* dst, int count)
    {
        var i = 0;
        if (Avx2.IsSupported)
        {
            for (; i + 8 <= count; i += 8)
            {
                var a = Avx.LoadVector256(src + 2 * i);
                var b = Avx.LoadVector256(src + 2 * i + 8);
                // hadd gives [p0,p1,q0,q1,p2,p3,q2,q3]; the 64-bit permute restores [p0..p3,q0..q3].
                var pairs = Avx.HorizontalAdd(Avx.Multiply(a, a), Avx.Multiply(b, b));
                var ordered = Avx2.Permute4x64(pairs.AsDouble(), 0xD8).AsSingle();
                Avx.Store(dst + i, Avx.Add(Avx.LoadVector256(dst + i), Avx.ConvertToVector256Double(ordered.GetLower())));
                Avx.Store(dst + i + 4, Avx.Add(Avx.LoadVector256(dst + i + 4), Avx.ConvertToVector256Double(ordered.GetUpper())));
            }
        }
        for (; i < count; i++)
        {
            var re = src[2 * i];
            var im = src[2 * i + 1];
            dst[i] += re * re + im * im;  // in float, as the vector path
        }
    }
}
