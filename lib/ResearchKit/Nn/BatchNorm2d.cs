using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>Batch normalisation over [N,C,H,W] per channel (torch.nn.BatchNorm2d): weight 1, bias 0, running mean 0,
/// running variance 1, and PyTorch's state names (weight, bias, running_mean, running_var, num_batches_tracked).</summary>
/// <remarks>Training normalises with batch statistics and updates the running ones (running = (1 − momentum)·running +
/// momentum·batch, unbiased variance); evaluation normalises with the running statistics. num_batches_tracked counts
/// training batches (stored as a float scalar; exact up to 2^24).</remarks>
public sealed class BatchNorm2d : Module
{
    /// <summary>Batch norm over <paramref name="numFeatures"/> channels.</summary>
    public BatchNorm2d(int numFeatures, double eps = 1e-5, double momentum = 0.1, bool affine = true, bool trackRunningStats = true)
    {
        if (numFeatures <= 0) throw new ArgumentOutOfRangeException(nameof(numFeatures), numFeatures, "batch norm layer: channels must be positive");
        (NumFeatures, Eps, Momentum) = (numFeatures, eps, momentum);
        if (affine)
        {
            Weight = RegisterParameter("weight", Tensor.Full(1f, numFeatures));
            Bias = RegisterParameter("bias", Tensor.Zeros(numFeatures));
        }
        if (!trackRunningStats) return;
        RunningMean = RegisterBuffer("running_mean", Tensor.Zeros(numFeatures));
        RunningVar = RegisterBuffer("running_var", Tensor.Full(1f, numFeatures));
        NumBatchesTracked = RegisterBuffer("num_batches_tracked", Tensor.Scalar(0));
    }

    /// <summary>Channels C.</summary>
    public int NumFeatures { get; }

    /// <summary>ε added to the variance.</summary>
    public double Eps { get; }

    /// <summary>Weight of the new batch in the running statistics.</summary>
    public double Momentum { get; }

    /// <summary>Scale γ [C] (null when not affine).</summary>
    public Tensor? Weight { get; }

    /// <summary>Shift β [C] (null when not affine).</summary>
    public Tensor? Bias { get; }

    /// <summary>Running mean [C] (null when running statistics are not tracked).</summary>
    public Tensor? RunningMean { get; }

    /// <summary>Running unbiased variance [C] (null when not tracked).</summary>
    public Tensor? RunningVar { get; }

    /// <summary>Training batches seen, a scalar (null when not tracked).</summary>
    public Tensor? NumBatchesTracked { get; }

    /// <summary>[N,C,H,W] -> [N,C,H,W] normalised per channel.</summary>
    public override Tensor Forward(Tensor input)
    {
        if (Training && NumBatchesTracked is not null) NumBatchesTracked.Data[0] += 1;
        // As torch: batch statistics in training or when nothing is tracked; running ones otherwise.
        var useBatch = Training || RunningMean is null;
        return F.BatchNorm2d(input, Weight, Bias, RunningMean, RunningVar, useBatch, Momentum, Eps);
    }

    /// <summary>Eval-mode BN as y = scale·x + shift: scale = γ/√(var+ε), shift = β − mean·scale, both [C] and constant.</summary>
    public (Tensor Scale, Tensor Shift) Folded()
    {
        var scale = Tensor.Zeros(NumFeatures);
        var shift = Tensor.Zeros(NumFeatures);
        for (var k = 0; k < NumFeatures; k++)
        {
            var s = (Weight?.Data[k] ?? 1f) / MathF.Sqrt((RunningVar?.Data[k] ?? 1f) + (float)Eps);
            scale.Data[k] = s;
            shift.Data[k] = (Bias?.Data[k] ?? 0f) - (RunningMean?.Data[k] ?? 0f) * s;
        }
        return (scale, shift);
    }
}
