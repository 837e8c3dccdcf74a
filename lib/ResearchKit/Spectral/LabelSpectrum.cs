using ResearchKit.Data;

namespace ResearchKit.Spectral;

/// <summary>Pooled per-class label power spectra |Y_c|² over a set of H×W label maps, with E(K), E(s), K*, s* and the radial profile.</summary>
/// <remarks>Spec 2.1-2.4: one-hot of each class (void per <see cref="VoidHandling"/>), unnormalised forward DFT
/// (<see cref="FftNorm.Backward"/>), power summed over images in double (FFT in single precision), kept in half-plane
/// r2c form. Dataset values pool numerators and denominators separately. Not thread-safe; <see cref="AddRange"/>
/// parallelises internally over <see cref="Threads"/> workers.</remarks>
public sealed partial class LabelSpectrum
{
    private readonly SpectralGrid _grid;
    private readonly byte[] _channelIds;
    private readonly double[] _power;
    private readonly long[] _counts;
    private readonly List<Worker> _workers = new();
    private int _threads = Fft2D.Threads;
    private bool _dirty;

    /// <summary>An empty accumulator for H×W labels with <paramref name="numClasses"/> classes and void id <paramref name="ignoreIndex"/>.</summary>
    public LabelSpectrum(int height, int width, int numClasses, int ignoreIndex,
        VoidHandling voidHandling = VoidHandling.ZeroVector)
    {
        if (height <= 0 || width <= 0) throw new ArgumentException($"Spectrum size must be positive, got {height}x{width}.");
        _channelIds = OneHotTransformer.ChannelIds(numClasses, ignoreIndex, voidHandling);
        Height = height;
        Width = width;
        NumClasses = numClasses;
        IgnoreIndex = ignoreIndex;
        VoidHandling = voidHandling;
        Channels = voidHandling == VoidHandling.SeparateChannel ? numClasses + 1 : numClasses;
        _grid = SpectralGrid.For(height, width);
        _power = new double[(long)Channels * _grid.Count];
        _counts = new long[Channels];
    }

    /// <summary>Rows of every label map.</summary>
    public int Height { get; }

    /// <summary>Columns of every label map.</summary>
    public int Width { get; }

    /// <summary>Number of classes C.</summary>
    public int NumClasses { get; }

    /// <summary>The void id.</summary>
    public int IgnoreIndex { get; }

    /// <summary>How void pixels enter the spectra.</summary>
    public VoidHandling VoidHandling { get; }

    /// <summary>Spectrum channels: C, or C+1 with void as channel C under <see cref="VoidHandling.SeparateChannel"/>.</summary>
    public int Channels { get; }

    /// <summary>Label maps added so far.</summary>
    public int ImageCount { get; private set; }

    /// <summary>Workers <see cref="AddRange"/> uses (default <see cref="Fft2D.Threads"/>).</summary>
    public int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentException($"Threads must be at least 1, got {value}.");
    }

    /// <summary>The largest band index needed: B_K covers the whole plane from this K on (H/2 for even H, W).</summary>
    public int MaxK => _grid.MaxK;

    /// <summary>Pixels counted in <paramref name="channel"/> over all images (n_c pooled).</summary>
    public long PixelCount(int channel)
    {
        CheckChannel(channel);
        PooledPower();
        return _counts[channel];
    }

    /// <summary>The pooled denominator of E: Σ_images N·N_v (ZeroVector) or Σ_images N² (SeparateChannel).</summary>
    public long PooledDenominator
    {
        get
        {
            PooledPower();
            return (long)Height * Width * _counts.Sum();
        }
    }

    /// <summary>Adds one label map.</summary>
    public void Add(LabelMap label) => AddRange(new[] { label });

    /// <summary>Adds label maps, transforming them on up to <see cref="Threads"/> workers.</summary>
    public void AddRange(IReadOnlyList<LabelMap> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        if (labels.Count == 0) return;
        // Checked before any worker starts, so a bad label leaves the pooled sums untouched.
        foreach (var label in labels) Validate(label);
        var workers = Math.Min(Threads, labels.Count);
        while (_workers.Count < workers) _workers.Add(new Worker(this));
        _dirty = true;
        if (workers == 1) _workers[0].Run(labels, 0, 1);
        else Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, w => _workers[w].Run(labels, w, workers));
        ImageCount += labels.Count;
    }

    /// <summary>Clears the pooled sums (keeping buffers and plans), so the accumulator can be reused without allocating.</summary>
    public void Reset()
    {
        PooledPower();
        Array.Clear(_power);
        Array.Clear(_counts);
        ImageCount = 0;
    }

    /// <summary>A copy of the pooled power Σ_images |Y_c|² of one channel, half plane [H, W/2+1].</summary>
    public double[] PowerHalfPlane(int channel)
    {
        CheckChannel(channel);
        return PooledPower().Slice(channel * _grid.Count, _grid.Count).ToArray();
    }

    /// <summary>Pooled power with the workers' partial sums folded in.</summary>
    private ReadOnlySpan<double> PooledPower()
    {
        if (_dirty)
        {
            foreach (var worker in _workers) worker.FlushInto(_power, _counts);
            _dirty = false;
        }
        return _power;
    }

    private void Validate(LabelMap label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Height != Height || label.Width != Width)
            throw new ArgumentException($"Label map is {label.Height}x{label.Width}, the spectrum expects {Height}x{Width}.");
        var p = OneHotTransformer.FindInvalid(label.Data, NumClasses, IgnoreIndex);
        if (p >= 0)
            throw new ArgumentException(
                $"Label id {label.Data[p]} at row {p / Width}, column {p % Width} is neither a class 0..{NumClasses - 1} nor ignoreIndex {IgnoreIndex}.");
    }

    private int CheckChannel(int channel) =>
        channel >= 0 && channel < Channels ? channel : throw new ArgumentException($"Channel {channel} is outside 0..{Channels - 1}.");

    /// <summary>One worker's transformer and partial sums; images w, w+T, w+2T, ... go to worker w.</summary>
    private sealed class Worker(LabelSpectrum owner)
    {
        private readonly OneHotTransformer _fft = new(owner.Height, owner.Width);
        private readonly double[] _power = new double[owner._power.Length];
        private readonly long[] _counts = new long[owner.Channels];
        private readonly long[] _histogram = new long[256];

        public void Run(IReadOnlyList<LabelMap> labels, int first, int stride)
        {
            var ids = owner._channelIds;
            var slice = _fft.HalfCount;
            for (var i = first; i < labels.Count; i += stride)
            {
                var data = labels[i].Data;
                Array.Clear(_histogram);
                foreach (var id in data) _histogram[id]++;
                for (var ch = 0; ch < ids.Length; ch++)
                {
                    _counts[ch] += _histogram[ids[ch]];
                    // An absent class has Y_c = 0: nothing to add.
                    if (_histogram[ids[ch]] == 0) continue;
                    _fft.FillOneHot(data, ids[ch]);
                    _fft.Execute();
                    _fft.AccumulatePower(_power.AsSpan(ch * slice, slice));
                }
            }
        }

        public void FlushInto(double[] power, long[] counts)
        {
            for (var i = 0; i < power.Length; i++) power[i] += _power[i];
            for (var c = 0; c < counts.Length; c++) counts[c] += _counts[c];
            Array.Clear(_power);
            Array.Clear(_counts);
        }
    }
}
