namespace ResearchKit.Nn;

/// <summary>How <see cref="Upsample"/> interpolates.</summary>
public enum UpsampleMode
{
    /// <summary>Bilinear, with align_corners as given to the layer (torch's mode="bilinear").</summary>
    Bilinear,

    /// <summary>Nearest neighbour, source index ⌊dst·in/out⌋ (torch's mode="nearest").</summary>
    Nearest,
}
