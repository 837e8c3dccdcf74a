namespace ResearchKit.Data;

/// <summary>An 8-bit RGB image, row-major and interleaved [H,W,3].</summary>
public sealed class RgbImage
{
    /// <summary>Creates an image over <paramref name="data"/> (not copied), which must hold H*W*3 bytes.</summary>
    public RgbImage(int height, int width, byte[] data)
    {
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"Image size must be positive, got {height}x{width}.");
        if (data.Length != height * width * 3)
            throw new ArgumentException($"RGB image {height}x{width} needs {height * width * 3} bytes, got {data.Length}.");
        Height = height;
        Width = width;
        Data = data;
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Interleaved R,G,B bytes in row-major order.</summary>
    public byte[] Data { get; }
}
