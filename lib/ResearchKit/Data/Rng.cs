using System.Buffers.Binary;
using System.Numerics;

namespace ResearchKit.Data;

/// <summary>The kit's seeded random number generator: xoshiro256** (Blackman and Vigna, 2018) seeded through
/// SplitMix64, with uniform, normal and Bernoulli draws and a full state that can be saved and restored.</summary>
/// <remarks>Everything random in training (initialisation, dropout masks, data order) draws from one of these, so a
/// seed fixes a run and a checkpoint that stores <see cref="GetState"/> resumes it exactly. The state is the four
/// 64-bit words of the generator and nothing else: normal draws use both Box–Muller outputs of a pair of uniforms and
/// never cache a spare value.</remarks>
public sealed class Rng
{
    /// <summary>Bytes of a serialised state (four little-endian 64-bit words).</summary>
    public const int StateBytes = 32;

    private ulong _s0, _s1, _s2, _s3;

    /// <summary>A generator whose sequence is fixed by <paramref name="seed"/>.</summary>
    public Rng(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix64(ref x);
        _s1 = SplitMix64(ref x);
        _s2 = SplitMix64(ref x);
        _s3 = SplitMix64(ref x);
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        var result = BitOperations.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = BitOperations.RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>A double uniform in [0, 1) with 53 random bits.</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A float uniform in [0, 1) with 24 random bits.</summary>
    public float NextFloat() => (NextUInt64() >> 40) * (1.0f / (1 << 24));

    /// <summary>An integer uniform in [0, <paramref name="n"/>), unbiased (Lemire's multiply-and-reject).</summary>
    public int NextInt(int n)
    {
        if (n <= 0) throw new ArgumentOutOfRangeException(nameof(n), n, "rng: the range must be positive");
        var range = (ulong)n;
        var threshold = (0UL - range) % range;
        while (true)
        {
            var product = Math.BigMul(NextUInt64(), range, out var low);
            if (low >= threshold) return (int)product;
        }
    }

    /// <summary>A value uniform in [<paramref name="low"/>, <paramref name="high"/>] (computed in double, rounded to float).</summary>
    public float Uniform(float low, float high) => (float)(low + (high - (double)low) * NextDouble());

    /// <summary>A normal draw with mean <paramref name="mean"/> and standard deviation <paramref name="std"/>.</summary>
    public float Normal(float mean = 0, float std = 1)
    {
        Span<float> one = stackalloc float[1];
        FillNormal(one, mean, std);
        return one[0];
    }

    /// <summary>True with probability <paramref name="p"/>.</summary>
    public bool Bernoulli(double p) => NextDouble() < p;

    /// <summary>Fills <paramref name="values"/> in order with draws uniform in [<paramref name="low"/>, <paramref name="high"/>].</summary>
    public void FillUniform(Span<float> values, float low, float high)
    {
        double lo = low, width = high - (double)low;
        for (var i = 0; i < values.Length; i++) values[i] = (float)(lo + width * NextDouble());
    }

    /// <summary>Fills <paramref name="values"/> in order with normal draws (Box–Muller, both values of each pair used).</summary>
    public void FillNormal(Span<float> values, float mean, float std)
    {
        for (var i = 0; i < values.Length; i += 2)
        {
            var radius = Math.Sqrt(-2.0 * Math.Log(1.0 - NextDouble())); // 1 − u ∈ (0, 1]: the log stays finite
            var angle = 2.0 * Math.PI * NextDouble();
            values[i] = (float)(mean + std * radius * Math.Cos(angle));
            if (i + 1 < values.Length) values[i + 1] = (float)(mean + std * radius * Math.Sin(angle));
        }
    }

    /// <summary>Fills <paramref name="values"/> in order with 1 (probability <paramref name="p"/>) or 0.</summary>
    public void FillBernoulli(Span<float> values, double p)
    {
        for (var i = 0; i < values.Length; i++) values[i] = NextDouble() < p ? 1f : 0f;
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher–Yates, from the last position down).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    /// <summary>The full generator state as <see cref="StateBytes"/> bytes; <see cref="SetState"/> continues the sequence from here.</summary>
    public byte[] GetState()
    {
        var bytes = new byte[StateBytes];
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(0), _s0);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(8), _s1);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(16), _s2);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes.AsSpan(24), _s3);
        return bytes;
    }

    /// <summary>Restores a state from <see cref="GetState"/>; the next draws equal those that followed it.</summary>
    public void SetState(ReadOnlySpan<byte> state)
    {
        if (state.Length != StateBytes)
            throw new ArgumentException($"rng: a state has {StateBytes} bytes, got {state.Length}");
        var s0 = BinaryPrimitives.ReadUInt64LittleEndian(state);
        var s1 = BinaryPrimitives.ReadUInt64LittleEndian(state[8..]);
        var s2 = BinaryPrimitives.ReadUInt64LittleEndian(state[16..]);
        var s3 = BinaryPrimitives.ReadUInt64LittleEndian(state[24..]);
        if ((s0 | s1 | s2 | s3) == 0) throw new ArgumentException("rng: the all-zero state is not a valid xoshiro256** state");
        (_s0, _s1, _s2, _s3) = (s0, s1, s2, s3);
    }

    private static ulong SplitMix64(ref ulong x)
    {
        var z = x += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
