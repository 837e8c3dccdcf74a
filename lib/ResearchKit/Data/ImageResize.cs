namespace ResearchKit.Data;

/// <summary>How an image is reduced by an integer factor s for training at a lower resolution.</summary>
public enum ImageResize
{
    /// <summary>The mean of each s×s block (area / box filter; torch's <c>area</c> and <c>avg_pool2d</c> at this factor).</summary>
    Area,

    /// <summary>Bilinear at the block centres, align_corners=false: output j samples source (j+0.5)·s − 0.5 (no antialiasing).</summary>
    Bilinear,
}
