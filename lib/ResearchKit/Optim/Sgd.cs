using ResearchKit.Tensors;

namespace ResearchKit.Optim;

/// <summary>Stochastic gradient descent with momentum, dampening, Nesterov and L2 weight decay, updating exactly as
/// torch.optim.SGD (1.13) does.</summary>
/// <remarks>Per parameter: d = g + λ·p; with momentum μ: b = d on the first step, else b = μ·b + (1 − τ)·d, and
/// d = d + μ·b (Nesterov) or d = b; then p = p − lr·d.</remarks>
public sealed class Sgd : Optimizer
{
    /// <summary>SGD over <paramref name="parameters"/>; PyTorch's defaults apart from the required learning rate.</summary>
    public Sgd(IEnumerable<Tensor> parameters, double learningRate, double momentum = 0, double dampening = 0,
        bool nesterov = false, double weightDecay = 0) : base(parameters, learningRate)
    {
        if (momentum < 0) throw new ArgumentOutOfRangeException(nameof(momentum), momentum, "sgd: momentum must be ≥ 0");
        if (weightDecay < 0) throw new ArgumentOutOfRangeException(nameof(weightDecay), weightDecay, "sgd: weight decay must be ≥ 0");
        if (nesterov && (momentum <= 0 || dampening != 0))
            throw new ArgumentException("sgd: Nesterov momentum needs momentum > 0 and dampening 0");
        (Momentum, Dampening, Nesterov, WeightDecay) = (momentum, dampening, nesterov, weightDecay);
    }

    /// <summary>Momentum factor μ (0: plain SGD).</summary>
    public double Momentum { get; }

    /// <summary>Dampening τ of the momentum buffer's new-gradient term.</summary>
    public double Dampening { get; }

    /// <summary>Whether the Nesterov form is used.</summary>
    public bool Nesterov { get; }

    /// <summary>L2 penalty λ added to the gradient.</summary>
    public double WeightDecay { get; }

    /// <inheritdoc/>
    public override string Kind => "sgd";

    /// <inheritdoc/>
    protected override void Update(Span<float> param, ReadOnlySpan<float> grad, long step, Slots slots)
    {
        float lr = (float)LearningRate, wd = (float)WeightDecay, mu = (float)Momentum, keep = (float)(1 - Dampening);
        if (mu == 0)
        {
            for (var i = 0; i < param.Length; i++) param[i] -= lr * (grad[i] + wd * param[i]);
            return;
        }
        var first = !slots.Has("momentum_buffer");
        var buf = slots.Get("momentum_buffer");
        for (var i = 0; i < param.Length; i++)
        {
            var d = grad[i] + wd * param[i];
            buf[i] = first ? d : mu * buf[i] + keep * d;
            param[i] -= lr * (Nesterov ? d + mu * buf[i] : buf[i]);
        }
    }
}
