using ResearchKit.Data;
using ResearchKit.Labels;

namespace ResearchKit.Spectral;

/// <summary>Pooled spectral error e_b(K) of block labels (spec 2.8): how much of the label's band B_K block-wise labelling changes.</summary>
/// <remarks>e_b(K) = Σ_c Σ_{B_K} |Y_c^(b) − Y_c|² / Σ_c Σ_{B_K} |Y_c|², where Y^(b) is the DFT of the one-hot of the
/// <see cref="LabelDownsampling.Majority"/> block label replicated back to H×W; void is the zero vector. Over images
/// the numerators and the denominators are summed separately. By linearity Y^(b) − Y is the DFT of y^(b) − y.</remarks>
public sealed class BlockSpectralError
{
    private readonly SpectralGrid _grid;
    private readonly OneHotTransformer _fft;
    private readonly double[] _errorPower, _labelPower;

    /// <summary>An empty accumulator for H×W labels and block size <paramref name="blockSize"/> (must divide H and W).</summary>
    public BlockSpectralError(int height, int width, int numClasses, int ignoreIndex, int blockSize)
    {
        if (blockSize < 1 || height % blockSize != 0 || width % blockSize != 0)
            throw new ArgumentException($"Block size {blockSize} does not divide the {height}x{width} label map.");
        OneHotTransformer.CheckClasses(numClasses, ignoreIndex);
        _grid = SpectralGrid.For(height, width);
        _fft = new OneHotTransformer(height, width);
        _errorPower = new double[numClasses * _grid.Count];
        _labelPower = new double[numClasses * _grid.Count];
        NumClasses = numClasses;
        IgnoreIndex = ignoreIndex;
        BlockSize = blockSize;
    }

    /// <summary>Number of classes C.</summary>
    public int NumClasses { get; }

    /// <summary>The void id.</summary>
    public int IgnoreIndex { get; }

    /// <summary>Block size b.</summary>
    public int BlockSize { get; }

    /// <summary>Label maps added so far.</summary>
    public int ImageCount { get; private set; }

    /// <summary>The largest band index needed: B_K covers the whole plane from this K on.</summary>
    public int MaxK => _grid.MaxK;

    /// <summary>Adds one dense label map (its block label is made here).</summary>
    public void Add(LabelMap label)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (label.Height != _grid.Height || label.Width != _grid.Width)
            throw new ArgumentException($"Label map is {label.Height}x{label.Width}, expected {_grid.Height}x{_grid.Width}.");
        var block = LabelDownsampler.Replicate(
            LabelDownsampler.Downsample(label, BlockSize, LabelDownsampling.Majority, NumClasses, IgnoreIndex), BlockSize);
        for (var c = 0; c < NumClasses; c++)
        {
            var slice = new Range(c * _grid.Count, (c + 1) * _grid.Count);
            _fft.FillOneHotDifference(block.Data, label.Data, (byte)c);
            _fft.Execute();
            _fft.AccumulatePower(_errorPower.AsSpan(slice));
            _fft.FillOneHot(label.Data, (byte)c);
            _fft.Execute();
            _fft.AccumulatePower(_labelPower.AsSpan(slice));
        }
        ImageCount++;
    }

    /// <summary>Adds every label map in <paramref name="labels"/>.</summary>
    public void AddRange(IEnumerable<LabelMap> labels)
    {
        foreach (var label in labels) Add(label);
    }

    /// <summary>e_b(K) for one band index.</summary>
    public double ErrorAt(int k) => ErrorCurve()[_grid.ClampK(k)];

    /// <summary>e_b(K) for K = 0..<see cref="MaxK"/>.</summary>
    public double[] ErrorCurve()
    {
        var numerator = new double[_grid.MaxK + 1];
        var denominator = new double[_grid.MaxK + 1];
        for (var c = 0; c < NumClasses; c++)
        {
            var err = _grid.CumulativeByK(_errorPower.AsSpan(c * _grid.Count, _grid.Count));
            var lab = _grid.CumulativeByK(_labelPower.AsSpan(c * _grid.Count, _grid.Count));
            for (var k = 0; k <= _grid.MaxK; k++)
            {
                numerator[k] += err[k];
                denominator[k] += lab[k];
            }
        }
        for (var k = 0; k <= _grid.MaxK; k++) numerator[k] /= denominator[k];
        return numerator;
    }
}
