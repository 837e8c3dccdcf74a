namespace ResearchKit.Labels;

/// <summary>A per-pixel class distribution T, row-major [C,H,W] float32; void is the zero vector, so the mass
/// Σ_c T[c,p] is in [0, 1] (soft-labelling spec 2.1).</summary>
public sealed class SoftLabelMap
{
    /// <summary>Wraps <paramref name="data"/> (not copied), which must hold C·H·W values.</summary>
    public SoftLabelMap(int numClasses, int height, int width, float[] data)
    {
        if (numClasses <= 0 || height <= 0 || width <= 0)
            throw new ArgumentException($"Soft label map shape must be positive, got [{numClasses},{height},{width}].");
        if (data.Length != numClasses * height * width)
            throw new ArgumentException($"Soft label map [{numClasses},{height},{width}] needs {numClasses * height * width} values, got {data.Length}.");
        (NumClasses, Height, Width, Data) = (numClasses, height, width, data);
    }

    /// <summary>Classes C.</summary>
    public int NumClasses { get; }

    /// <summary>Rows.</summary>
    public int Height { get; }

    /// <summary>Columns.</summary>
    public int Width { get; }

    /// <summary>Values in [C,H,W] order.</summary>
    public float[] Data { get; }

    /// <summary>T[c, row, col].</summary>
    public float this[int c, int row, int col] => Data[(c * Height + row) * Width + col];

    /// <summary>The mass m(p) = Σ_c T[c,p] at one pixel.</summary>
    public double Mass(int row, int col)
    {
        double m = 0;
        for (var c = 0; c < NumClasses; c++) m += this[c, row, col];
        return m;
    }

    /// <summary>Σ over all pixels and classes of T (the soft cross-entropy's normaliser).</summary>
    public double TotalMass()
    {
        double m = 0;
        foreach (var v in Data) m += v;
        return m;
    }
}
