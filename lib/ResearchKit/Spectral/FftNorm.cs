namespace ResearchKit.Spectral;

/// <summary>Scaling of a forward/inverse DFT pair, named as numpy's <c>norm</c> argument; the kit's default is <see cref="Backward"/>.</summary>
public enum FftNorm
{
    /// <summary>Forward unscaled, inverse scaled by 1/N (numpy's default, the spec's convention).</summary>
    Backward,

    /// <summary>Both directions scaled by 1/sqrt(N), so the transform is unitary.</summary>
    Ortho,

    /// <summary>Forward scaled by 1/N, inverse unscaled.</summary>
    Forward,
}
