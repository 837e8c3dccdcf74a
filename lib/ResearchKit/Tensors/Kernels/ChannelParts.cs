namespace ResearchKit.Tensors.Kernels;

/// <summary>A [N, C, H, W] buffer held as channel-wise parts [N, C_j, H, W]: a concatenation along channels that the
/// direct convolution kernels read from (or write to) without it ever being materialised.</summary>
internal readonly struct ChannelParts
{
    private readonly float[][] _parts;
    private readonly int[] _channels;

    /// <summary>One whole buffer of <paramref name="channels"/> channels.</summary>
    public ChannelParts(float[] data, int channels) : this([data], [channels]) { }

    /// <summary>Parts in channel order; part j holds <paramref name="channels"/>[j] channels.</summary>
    public ChannelParts(float[][] parts, int[] channels)
    {
        _parts = parts;
        _channels = channels;
    }

    /// <summary>Total channels.</summary>
    public int Channels => _channels.Sum();

    /// <summary>The concatenation [N, C, H, W] as one new buffer.</summary>
    public float[] Concat(int n, int planeSize)
    {
        var c = Channels;
        var all = GC.AllocateUninitializedArray<float>(n * c * planeSize);
        for (var s = 0; s < n; s++)
        for (var k = 0; k < c; k++) Plane(s, k, planeSize).CopyTo(all.AsSpan((s * c + k) * planeSize, planeSize));
        return all;
    }

    /// <summary>The plane [H·W] of channel <paramref name="c"/> of sample <paramref name="s"/>.</summary>
    public Span<float> Plane(int s, int c, int planeSize)
    {
        var j = 0;
        while (c >= _channels[j]) c -= _channels[j++];
        return _parts[j].AsSpan((s * _channels[j] + c) * planeSize, planeSize);
    }
}
