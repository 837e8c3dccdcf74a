using ResearchKit.Tensors;
using ResearchKit.Tensors.Ops;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>Batch normalisation of [N,C,H,W] over N,H,W per channel, as torch.nn.functional.batch_norm.</summary>
    /// <remarks>Training normalises with the batch mean and biased variance and, when running tensors are given, updates
    /// them in place (not differentiated): running = (1 − momentum)·running + momentum·batch, with the unbiased variance
    /// for runningVar. Eval normalises with the running statistics. weight/bias null = 1/0 (affine = false).</remarks>
    public static Tensor BatchNorm2d(Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum = 0.1, double eps = 1e-5) =>
        BatchNorm("batch_norm", x, weight, bias, runningMean, runningVar, training, momentum, eps, relu: false);

    /// <summary>relu(batch_norm(x)) in one op: the same values and gradients as <see cref="Relu"/> after
    /// <see cref="BatchNorm2d"/>, with one output buffer and one pass fewer each way (the conv → BN → ReLU blocks).</summary>
    public static Tensor BatchNorm2dRelu(Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum = 0.1, double eps = 1e-5) =>
        BatchNorm("batch_norm_relu", x, weight, bias, runningMean, runningVar, training, momentum, eps, relu: true);

    private static Tensor BatchNorm(string op, Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps, bool relu)
    {
        CheckBatchNorm(op, x, weight, bias, runningMean, runningVar, training);
        int n = x.Shape[0], c = x.Shape[1], hw = x.Shape[2] * x.Shape[3];
        var (mean, invStd) = NormStatistics(x, runningMean, runningVar, training, momentum, eps);
        var scale = new float[c];
        var shift = new float[c];
        for (var ch = 0; ch < c; ch++)
        {
            scale[ch] = (weight?.Data[ch] ?? 1f) * invStd[ch];
            shift[ch] = (bias?.Data[ch] ?? 0f) - mean[ch] * scale[ch];
        }
        var y = Tensor.Uninitialized(x.Shape);
        BatchNormKernels.Apply(x.Data, y.Data, n, c, hw, scale, shift, relu);

        var inputs = new List<Tensor> { x };
        if (weight is not null) inputs.Add(weight);
        if (bias is not null) inputs.Add(bias);
        return Graph.Record(op, y, [.. inputs], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            if (relu) // the ReLU's gradient, written where dx goes: the BN backward below reads and overwrites it in place
                Chunks.For(g.Count, (s, len) => Simd.PassWherePositive(g.Data.AsSpan(s, len), y.Data.AsSpan(s, len), dx.Data.AsSpan(s, len)));
            var gn = relu ? dx : g;
            var (sumG, sumGx) = BatchNormKernels.GradSums(gn.Data, x.Data, n, c, hw, mean);
            var grads = new List<Tensor?> { x.RequiresGrad ? BatchNormInputGrad(gn, x, dx, training, scale, invStd, mean, sumG, sumGx) : null };
            if (weight is not null) grads.Add(new Tensor([.. Enumerable.Range(0, c).Select(ch => (float)(sumGx[ch] * invStd[ch]))], c));
            if (bias is not null) grads.Add(new Tensor([.. sumG.Select(v => (float)v)], c));
            return [.. grads];
        });
    }

    private static void CheckBatchNorm(string op, Tensor x, Tensor? weight, Tensor? bias, Tensor? runningMean, Tensor? runningVar, bool training)
    {
        ShapeChecks.Rank(op, x, 4);
        var c = x.Shape[1];
        foreach (var (t, what) in new[] { (weight, "weight"), (bias, "bias"), (runningMean, "runningMean"), (runningVar, "runningVar") })
            if (t is not null) ShapeChecks.Require(t.Rank == 1 && t.Shape[0] == c, op, $"{what} must be [{c}] for {c} channels", x, t);
        if (training)
            ShapeChecks.Require((long)x.Shape[0] * x.Shape[2] * x.Shape[3] > 1, op, "training needs more than one value per channel", x);
        else
            ShapeChecks.Require(runningMean is not null && runningVar is not null, op, "eval mode needs runningMean and runningVar", x);
    }

    /// <summary>Per-channel mean and 1/sqrt(var + eps): the batch's in training (updating the running tensors), the
    /// running ones in eval.</summary>
    private static (float[] Mean, float[] InvStd) NormStatistics(Tensor x, Tensor? runningMean, Tensor? runningVar,
        bool training, double momentum, double eps)
    {
        int n = x.Shape[0], c = x.Shape[1], hw = x.Shape[2] * x.Shape[3];
        if (!training) return ((float[])runningMean!.Data.Clone(), InvStd(runningVar!.Data, eps));
        var (mean, variance) = BatchNormKernels.Statistics(x.Data, n, c, hw);
        if (runningMean is not null && runningVar is not null)
            UpdateRunning(runningMean.Data, runningVar.Data, mean, variance, momentum, (double)n * hw);
        return (mean, InvStd(variance, eps));
    }

    private static float[] InvStd(float[] variance, double eps) =>
        variance.Select(v => (float)(1.0 / Math.Sqrt(v + eps))).ToArray();

    private static void UpdateRunning(float[] runningMean, float[] runningVar, float[] mean, float[] variance, double momentum, double count)
    {
        for (var ch = 0; ch < mean.Length; ch++)
        {
            runningMean[ch] = (float)((1 - momentum) * runningMean[ch] + momentum * mean[ch]);
            runningVar[ch] = (float)((1 - momentum) * runningVar[ch] + momentum * variance[ch] * count / (count - 1));
        }
    }

    /// <summary>Training: dx = k·(g − Σg/M − x̂·Σ(g·x̂)/M) with k = w·invStd, as one fused pass g·k + x·b + c per channel.
    /// Eval: the statistics are constants, so dx = g·k.</summary>
    private static Tensor BatchNormInputGrad(Tensor g, Tensor x, Tensor dx, bool training, float[] k, float[] invStd, float[] mean,
        double[] sumG, double[] sumGx)
    {
        int n = x.Shape[0], c = x.Shape[1], hw = x.Shape[2] * x.Shape[3];
        double m = (double)n * hw;
        var b = new float[c];
        var shift = new float[c];
        if (training)
            for (var ch = 0; ch < c; ch++)
            {
                double bd = -k[ch] * (double)invStd[ch] * invStd[ch] * sumGx[ch] / m;
                b[ch] = (float)bd;
                shift[ch] = (float)(-k[ch] * sumG[ch] / m - bd * mean[ch]);
            }
        BatchNormKernels.AffineOfTwo(g.Data, x.Data, dx.Data, n, c, hw, k, b, shift);
        return dx;
    }
}
