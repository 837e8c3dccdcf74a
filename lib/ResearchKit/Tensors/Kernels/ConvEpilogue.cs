using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;

namespace ResearchKit.Tensors.Kernels;

/// <summary>What a convolution does to each output channel while its block is still in cache: y = y·scale[k] + shift[k], then ReLU.</summary>
/// <remarks>A plain bias is shift with no scale. Folded eval-mode batch norm is scale = γ/√(var+ε), shift = β − mean·scale
/// (+ bias·scale when the convolution has a bias).</remarks>
public readonly record struct ConvEpilogue(float[]? Scale, float[]? Shift, bool Relu)
{
    /// <summary>No epilogue: the raw convolution.</summary>
    public static ConvEpilogue None => new(null, null, false);

    /// <summary>Folds eval-mode batch norm (and an optional conv bias) into per-channel (scale, shift) for <see cref="Apply(int, Span{float})"/>.</summary>
    /// <remarks>BN(conv + b) = γ·(conv + b − mean)/√(var + ε) + β = conv·scale + shift with scale = γ/√(var + ε) and
    /// shift = β + (b − mean)·scale; computed in double, stored as float.</remarks>
    public static (float[] Scale, float[] Shift) FoldBatchNorm(ReadOnlySpan<float> gamma, ReadOnlySpan<float> beta,
        ReadOnlySpan<float> runningMean, ReadOnlySpan<float> runningVar, double eps, ReadOnlySpan<float> bias = default)
    {
        var k = gamma.Length;
        if (beta.Length != k || runningMean.Length != k || runningVar.Length != k || (!bias.IsEmpty && bias.Length != k))
            throw new ArgumentException($"fold batch norm: gamma, beta, mean, var (and bias) must all have {k} channels");
        var scale = new float[k];
        var shift = new float[k];
        for (var c = 0; c < k; c++)
        {
            var s = gamma[c] / Math.Sqrt(runningVar[c] + eps);
            scale[c] = (float)s;
            shift[c] = (float)(beta[c] + ((bias.IsEmpty ? 0.0 : bias[c]) - runningMean[c]) * s);
        }
        return (scale, shift);
    }

    /// <summary>True when the epilogue changes nothing.</summary>
    public bool IsNone => Scale is null && Shift is null && !Relu;

    /// <summary>Writes the epilogue of output channel <paramref name="k"/> applied to <paramref name="values"/> into
    /// <paramref name="destination"/> (one pass; a copy when the epilogue is none).</summary>
    public void Apply(int k, ReadOnlySpan<float> values, Span<float> destination)
    {
        if (Scale is not null)
        {
            TensorPrimitives.Multiply(values, Scale[k], destination);
            if (Shift is not null) TensorPrimitives.Add(destination, Shift[k], destination);
        }
        else if (Shift is not null) TensorPrimitives.Add(values, Shift[k], destination);
        else values.CopyTo(destination);
        if (Relu) TensorPrimitives.Max(destination, 0f, destination);
    }

    /// <summary>Applies the epilogue of output channel <paramref name="k"/> to a run of its values.</summary>
    public void Apply(int k, Span<float> values)
    {
        if (Scale is not null)
        {
            TensorPrimitives.Multiply(values, Scale[k], values);
            if (Shift is not null) TensorPrimitives.Add(values, Shift[k], values);
        }
        else if (Shift is not null) TensorPrimitives.Add(values, Shift[k], values);
        if (Relu) TensorPrimitives.Max(values, 0f, values);
    }
}
