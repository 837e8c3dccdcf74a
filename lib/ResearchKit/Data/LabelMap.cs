namespace ResearchKit.Data;

/// <summary>A single-channel map of class ids, row-major [H,W], one byte per pixel.</summary>
/// <remarks>Every dataset the kit reads stores class ids below 256 (CamVid 0..11, Cityscapes ids and
/// train ids, Pascal VOC 0..20 with 255 as void), so one byte per pixel is enough.</remarks>
public sealed class LabelMap
{
    /// <summary>Creates a label map over <paramref name="data"/> (not copied), which must hold H*W ids.</summary>
    public LabelMap(int height, int width, byte[] data)
    {
        if (height <= 0 || width <= 0)
            throw new ArgumentException($"Label map size must be positive, got {height}x{width}.");
        if (data.Length != height * width)
            throw new ArgumentException($"Label map {height}x{width} needs {height * width} pixels, got {data.Length}.");
        Height = height;
        Width = width;
        Data = data;
    }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Class ids in row-major order.</summary>
    public byte[] Data { get; }

    /// <summary>The class id at row <paramref name="row"/>, column <paramref name="col"/>.</summary>
    public byte this[int row, int col] => Data[row * Width + col];
}
