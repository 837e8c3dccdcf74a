using ResearchKit.Tensors;

namespace ResearchKit.Optim;

/// <summary>Gradient clipping as torch.nn.utils does it.</summary>
public static class GradClipping
{
    /// <summary>Scales all gradients together so their total p-norm is at most <paramref name="maxNorm"/>, like
    /// torch.nn.utils.clip_grad_norm_: coefficient min(1, maxNorm / (norm + 1e-6)) applied to every gradient.
    /// Returns the total norm before clipping (0 when no parameter has a gradient).</summary>
    /// <param name="parameters">Parameters whose gradients are clipped in place; those without one are skipped.</param>
    /// <param name="maxNorm">The largest allowed total norm.</param>
    /// <param name="normType">p of the p-norm (2 by default; <see cref="double.PositiveInfinity"/> for the max norm).</param>
    public static double ClipGradNorm(IEnumerable<Tensor> parameters, double maxNorm, double normType = 2)
    {
        if (!(normType > 0)) throw new ArgumentOutOfRangeException(nameof(normType), normType, "clip grad norm: the norm type must be > 0");
        var grads = parameters.Select(p => p.Grad).OfType<Tensor>().ToArray();
        if (grads.Length == 0) return 0;
        // Per-tensor norms then the norm of those, in a fixed order (deterministic), accumulated in double.
        var norms = grads.Select(g => Norm(g.Data, normType)).ToArray();
        var total = Norm(norms, normType);
        var coef = (float)Math.Min(1.0, maxNorm / (total + 1e-6));
        foreach (var g in grads)
        {
            var d = g.Data;
            for (var i = 0; i < d.Length; i++) d[i] *= coef;
        }
        return total;
    }

    private static double Norm(ReadOnlySpan<float> values, double p)
    {
        double acc = 0;
        if (double.IsPositiveInfinity(p))
        {
            foreach (var v in values) acc = Math.Max(acc, Math.Abs((double)v));
            return acc;
        }
        foreach (var v in values) acc += p == 2 ? (double)v * v : Math.Pow(Math.Abs((double)v), p);
        return p == 2 ? Math.Sqrt(acc) : Math.Pow(acc, 1 / p);
    }

    private static double Norm(double[] values, double p)
    {
        double acc = 0;
        if (double.IsPositiveInfinity(p))
        {
            foreach (var v in values) acc = Math.Max(acc, v);
            return acc;
        }
        foreach (var v in values) acc += Math.Pow(v, p);
        return Math.Pow(acc, 1 / p);
    }
}
