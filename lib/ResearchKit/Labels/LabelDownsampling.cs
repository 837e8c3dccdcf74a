namespace ResearchKit.Labels;

/// <summary>Hard label down-sampling rules by an integer factor s (soft-labelling spec 2.2); output index j, scale σ = in/out = s.</summary>
public enum LabelDownsampling
{
    /// <summary>Hard: output j takes source pixel ⌊(j+0.5)·σ⌋ on each axis (PIL NEAREST, the usual practice).</summary>
    NearestCentre,

    /// <summary>Hard: output j takes source pixel ⌊j·σ⌋ on each axis (torch <c>nearest</c>).</summary>
    NearestTopLeft,

    /// <summary>Hard: argmax of the block's class histogram (source pixels j·s … j·s+s−1 on each axis, void not counted);
    /// ties go to the lowest id; a block with no labelled pixel is void. Also the block label of the spectral spec 2.8.</summary>
    Majority,
}
