using System.Numerics;
using ResearchKit.Tensors;

namespace ResearchKit.Optim;

/// <summary>Adam with L2 weight decay added to the gradient, updating exactly as torch.optim.Adam (1.13) does.</summary>
/// <remarks>Per parameter at its step t: g = g + λ·p; m = β₁m + (1−β₁)g; v = β₂v + (1−β₂)g²;
/// p = p − (lr / (1−β₁ᵗ)) · m / (√v / √(1−β₂ᵗ) + ε). <see cref="AdamW"/> decays the weights instead.</remarks>
public class Adam : Optimizer
{
    /// <summary>Adam over <paramref name="parameters"/> with PyTorch's defaults (lr 1e-3, betas 0.9/0.999, eps 1e-8, no decay).</summary>
    public Adam(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 0) : base(parameters, learningRate)
    {
        if (beta1 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta1), beta1, $"{Kind}: beta1 must be in [0, 1)");
        if (beta2 is < 0 or >= 1) throw new ArgumentOutOfRangeException(nameof(beta2), beta2, $"{Kind}: beta2 must be in [0, 1)");
        if (eps < 0) throw new ArgumentOutOfRangeException(nameof(eps), eps, $"{Kind}: eps must be ≥ 0");
        if (weightDecay < 0) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, $"{Kind}: weight decay must be ≥ 0");
        (Beta1, Beta2, Eps, WeightDecay) = (beta1, beta2, eps, weightDecay);
    }

    /// <summary>Decay β₁ of the first-moment average.</summary>
    public double Beta1 { get; }

    /// <summary>Decay β₂ of the second-moment average.</summary>
    public double Beta2 { get; }

    /// <summary>ε added to the denominator.</summary>
    public double Eps { get; }

    /// <summary>Weight decay λ (added to the gradient here; applied to the weights by <see cref="AdamW"/>).</summary>
    public double WeightDecay { get; }

    /// <summary>Whether weight decay is decoupled from the gradient (AdamW) rather than an L2 term (Adam).</summary>
    protected virtual bool DecoupledDecay => false;

    /// <inheritdoc/>
    public override string Kind => "adam";

    /// <inheritdoc/>
    protected override void Update(Span<float> param, ReadOnlySpan<float> grad, long step, Slots slots)
    {
        var c = new Coefficients
        {
            B1 = (float)Beta1, B2 = (float)Beta2, Keep1 = (float)(1 - Beta1), Keep2 = (float)(1 - Beta2),
            Wd = (float)WeightDecay, Eps = (float)Eps, Decoupled = DecoupledDecay,
            // Step size and bias corrections in double, as PyTorch computes them in Python floats.
            StepSize = (float)(LearningRate / (1 - Math.Pow(Beta1, step))),
            Correction2Sqrt = (float)Math.Sqrt(1 - Math.Pow(Beta2, step)),
            Decay = (float)(1 - LearningRate * WeightDecay),
        };
        var i = Vector.IsHardwareAccelerated ? UpdateVectors(param, grad, slots.Get("exp_avg"), slots.Get("exp_avg_sq"), c) : 0;
        UpdateTail(param[i..], grad[i..], slots.Get("exp_avg")[i..], slots.Get("exp_avg_sq")[i..], c);
    }

    /// <summary>Whole vectors of the update, with the same per-element arithmetic as <see cref="UpdateTail"/>; returns the count done.</summary>
    private static int UpdateVectors(Span<float> param, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq, in Coefficients c)
    {
        var n = Vector<float>.Count;
        var i = 0;
        for (; i <= param.Length - n; i += n)
        {
            var p = new Vector<float>(param[i..]);
            var g = new Vector<float>(grad[i..]);
            if (c.Decoupled) p *= c.Decay;
            else g += c.Wd * p;
            var m = new Vector<float>(expAvg[i..]) * c.B1 + c.Keep1 * g;
            var v = new Vector<float>(expAvgSq[i..]) * c.B2 + c.Keep2 * g * g;
            var denom = Vector.SquareRoot(v) / c.Correction2Sqrt + new Vector<float>(c.Eps);
            (p - c.StepSize * (m / denom)).CopyTo(param[i..]);
            m.CopyTo(expAvg[i..]);
            v.CopyTo(expAvgSq[i..]);
        }
        return i;
    }

    private static void UpdateTail(Span<float> param, ReadOnlySpan<float> grad, Span<float> expAvg, Span<float> expAvgSq, in Coefficients c)
    {
        for (var i = 0; i < param.Length; i++)
        {
            var g = grad[i];
            if (c.Decoupled) param[i] *= c.Decay;
            else g += c.Wd * param[i];
            expAvg[i] = expAvg[i] * c.B1 + c.Keep1 * g;
            expAvgSq[i] = expAvgSq[i] * c.B2 + c.Keep2 * g * g;
            var denom = MathF.Sqrt(expAvgSq[i]) / c.Correction2Sqrt + c.Eps;
            param[i] -= c.StepSize * (expAvg[i] / denom);
        }
    }

    private readonly struct Coefficients
    {
        public float B1 { get; init; }
        public float B2 { get; init; }
        public float Keep1 { get; init; }
        public float Keep2 { get; init; }
        public float Wd { get; init; }
        public float Eps { get; init; }
        public bool Decoupled { get; init; }
        public float StepSize { get; init; }
        public float Correction2Sqrt { get; init; }
        public float Decay { get; init; }
    }
}
