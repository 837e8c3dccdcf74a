namespace ResearchKit.Data;

/// <summary>The PNG colour types, valued as in the IHDR chunk.</summary>
public enum PngColorType
{
    /// <summary>One gray sample per pixel (bit depth 1, 2, 4, 8 or 16).</summary>
    Gray = 0,

    /// <summary>Red, green and blue samples (bit depth 8 or 16).</summary>
    Rgb = 2,

    /// <summary>One palette index per pixel (bit depth 1, 2, 4 or 8).</summary>
    Palette = 3,

    /// <summary>Gray and alpha samples (bit depth 8 or 16).</summary>
    GrayAlpha = 4,

    /// <summary>Red, green, blue and alpha samples (bit depth 8 or 16).</summary>
    Rgba = 6,
}
