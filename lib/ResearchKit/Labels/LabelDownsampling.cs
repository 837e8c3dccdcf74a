namespace ResearchKit.Labels;

/// <summary>Label down-sampling rules by an integer factor s (soft-labelling spec 2.2), each documented here once.
/// Output index j on each axis; scale σ = in/out (σ = s at integer factors). Hard rules give a class id per output
/// pixel (<see cref="LabelDownsampler"/>); soft rules give a class distribution S[c,p] = Σ_q w(p,q)·O[c,q] with
/// separable weights w = w_y·w_x over the one-hot O, void being the zero vector (<see cref="SoftLabels"/>).</summary>
/// <remarks>On the command line each rule is its kebab-case name (<see cref="LabelDownsamplingNames"/>).</remarks>
public enum LabelDownsampling
{
    /// <summary>Hard: output j takes source pixel ⌊(j+0.5)·σ⌋ on each axis (PIL NEAREST, the usual practice).</summary>
    NearestCentre,

    /// <summary>Hard: output j takes source pixel ⌊j·σ⌋ on each axis (torch <c>nearest</c>).</summary>
    NearestTopLeft,

    /// <summary>Hard: argmax of the block's class histogram (source pixels j·s … j·s+s−1 on each axis, void not counted);
    /// ties go to the lowest id; a block with no labelled pixel is void. Also the block label of the spectral spec 2.8.</summary>
    Majority,

    /// <summary>Soft: weight 1/s on source pixels j·s … j·s+s−1, i.e. the class histogram of the block (region-based
    /// soft label). Preserves class mass exactly: s²·Σ_p S[c,p] = Σ_q O[c,q]; <see cref="Majority"/> is its argmax.</summary>
    SoftBox,

    /// <summary>Soft: bilinear without anti-aliasing, align_corners=false (the official code's torchvision resize of the
    /// one-hot): x = (j+0.5)·σ − 0.5 clamped to x ≥ 0, i0 = ⌊x⌋, i1 = min(i0+1, in−1), weights 1−(x−i0) and x−i0.
    /// Even s: the central 2×2 of the block, 0.25 each; odd s: the centre pixel (= one-hot of <see cref="NearestCentre"/>);
    /// s = 2: equal to <see cref="SoftBox"/>.</summary>
    SoftBilinear,

    /// <summary>Soft: anti-aliased bilinear (PIL BILINEAR, torch <c>antialias=True</c>): centre c = (j+0.5)·σ; taps i in
    /// [max(0, ⌊c−σ+0.5⌋), min(in, ⌊c+σ+0.5⌋)) with weight max(0, 1 − |(i−c+0.5)/σ|), normalised to sum 1 (void taps
    /// included, so mass next to void is lost). Interior weights span 2s pixels, e.g. [1,3,3,1]/8 at s = 2.</summary>
    SoftBilinearAA,
}
