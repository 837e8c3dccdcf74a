namespace ResearchKit.Nn;

/// <summary>What <see cref="Conv2d"/> and <see cref="ConvTranspose2d"/> share: argument checks and PyTorch 1.13's
/// reset_parameters.</summary>
internal static class ConvLayerSetup
{
    /// <summary>Throws unless every size is positive (padding ≥ 0) and <paramref name="groups"/> divides both channel counts.</summary>
    public static void Validate(string layer, int inChannels, int outChannels, int kernelSize, int stride, int padding,
        int dilation, int groups, int? outputPadding = null)
    {
        if (inChannels <= 0 || outChannels <= 0 || kernelSize <= 0 || stride <= 0 || padding < 0 || outputPadding < 0 || dilation <= 0 || groups <= 0)
            throw new ArgumentException($"{layer} layer: sizes must be positive (in {inChannels}, out {outChannels}, kernel {kernelSize}, " +
                $"stride {stride}, padding {padding}, {(outputPadding is { } op ? $"output padding {op}, " : "")}dilation {dilation}, groups {groups})");
        if (inChannels % groups != 0 || outChannels % groups != 0)
            throw new ArgumentException($"{layer} layer: {groups} groups must divide in {inChannels} and out {outChannels} channels");
    }

    /// <summary>Weight kaiming_uniform_(a = √5), i.e. U(−1/√fan_in, 1/√fan_in), then bias with the same bound; drawn in that order.</summary>
    public static void ResetParameters(Tensors.Tensor weight, Tensors.Tensor? bias, Rng rng)
    {
        Init.KaimingUniform(weight, rng, a: Math.Sqrt(5));
        if (bias is null) return;
        var bound = Init.BiasBound(weight.Shape);
        Init.Uniform(bias, rng, -bound, bound);
    }
}
