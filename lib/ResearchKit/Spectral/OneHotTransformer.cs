using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using ResearchKit.Data;

namespace ResearchKit.Spectral;

/// <summary>Per-worker scratch for "one-hot of every channel → batched r2c FFT → power": aligned buffers, one plan.</summary>
/// <remarks>Allocated once and reused, so streaming images allocates nothing. Not thread-safe: one per worker.</remarks>
internal sealed unsafe class OneHotTransformer
{
    private readonly int _plane;
    private readonly int[] _channelOf;
    private readonly AlignedBuffer<float> _input;
    private readonly AlignedBuffer<float> _output;
    private readonly nint _plan;
    private readonly List<LabelMap> _written = new();

    /// <summary>Per byte id: its channel, −1 for a skipped id (void as zero vector), −2 for an id that is neither.</summary>
    public static int[] ChannelMap(int numClasses, int ignoreIndex, VoidHandling voidHandling)
    {
        if (numClasses < 1 || numClasses > 256)
            throw new ArgumentException($"numClasses must be in 1..256, got {numClasses}.");
        if (ignoreIndex >= 0 && ignoreIndex < numClasses)
            throw new ArgumentException($"ignoreIndex {ignoreIndex} must not be a class id 0..{numClasses - 1}.");
        var map = new int[256];
        for (var id = 0; id < 256; id++)
            map[id] = id < numClasses ? id : id == ignoreIndex ? (voidHandling == VoidHandling.SeparateChannel ? numClasses : -1) : -2;
        return map;
    }

    /// <summary>Prepares buffers and the single-threaded batched plan for <paramref name="channels"/> H×W planes, ids mapped by <see cref="ChannelMap"/>.</summary>
    public OneHotTransformer(int height, int width, int channels, int[] channelOf)
    {
        Height = height;
        Width = width;
        Channels = channels;
        _plane = height * width;
        HalfCount = height * (width / 2 + 1);
        _channelOf = channelOf;
        _input = new AlignedBuffer<float>((long)channels * _plane);
        _output = new AlignedBuffer<float>(2L * channels * HalfCount);
        _plan = FftwPlanCache.Get(new FftPlanKey(height, width, channels, FftKind.RealToComplexSingle, 1));
    }

    public int Height { get; }
    public int Width { get; }
    public int Channels { get; }

    /// <summary>Elements of one half plane, H·(W/2+1).</summary>
    public int HalfCount { get; }

    /// <summary>Adds <paramref name="value"/> at (channel of each pixel id, pixel); counts pixels per channel into <paramref name="counts"/>.</summary>
    public void AddOneHot(LabelMap label, float value, Span<long> counts)
    {
        if (label.Height != Height || label.Width != Width)
            throw new ArgumentException($"Label map is {label.Height}x{label.Width}, expected {Height}x{Width}.");
        // Registered first, so a reset also clears what was written before an invalid id stopped the fill.
        _written.Add(label);
        var data = label.Data;
        var input = _input.Pointer;
        fixed (int* channelOf = _channelOf)
        {
            for (var p = 0; p < data.Length; p++)
            {
                var ch = channelOf[data[p]];
                if (ch < 0)
                {
                    if (ch == -2) throw InvalidId(label, p);
                    continue;
                }
                input[(long)ch * _plane + p] += value;
                counts[ch]++;
            }
        }
    }

    /// <summary>Runs the batched r2c transform of all channels into the output half planes.</summary>
    public void Execute() => FftwNative.fftwf_execute_dft_r2c(_plan, _input.Pointer, _output.Pointer);

    /// <summary>Zeroes the input where <see cref="AddOneHot"/> wrote since the last reset (cheaper than clearing every plane).</summary>
    public void ResetInput()
    {
        var input = _input.Pointer;
        fixed (int* channelOf = _channelOf)
        {
            foreach (var label in _written)
            {
                var data = label.Data;
                for (var p = 0; p < data.Length; p++)
                {
                    var ch = channelOf[data[p]];
                    if (ch >= 0) input[(long)ch * _plane + p] = 0f;
                }
            }
        }
        _written.Clear();
    }

    /// <summary>Adds |X|² of every output coefficient into <paramref name="power"/> ([channels, H·(W/2+1)], double).</summary>
    public void AccumulatePower(double[] power)
    {
        fixed (double* dst = power) AccumulatePower(_output.Pointer, dst, Channels * HalfCount);
    }

    /// <summary>The output half plane of <paramref name="channel"/> as interleaved (re, im) floats.</summary>
    public ReadOnlySpan<float> Output(int channel) => _output.Span.Slice(2 * channel * HalfCount, 2 * HalfCount);

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
            double re = src[2 * i], im = src[2 * i + 1];
            dst[i] += re * re + im * im;
        }
    }

    private ArgumentException InvalidId(LabelMap label, int p) =>
        new($"Label id {label.Data[p]} at row {p / Width}, column {p % Width} is not a class id or the ignore index.");
}
