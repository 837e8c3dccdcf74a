using ResearchKit.Tensors;

namespace ResearchKit.Optim;

/// <summary>Adam with decoupled weight decay (Loshchilov and Hutter), updating exactly as torch.optim.AdamW (1.13) does:
/// p = p·(1 − lr·λ) before the Adam update of the undecayed gradient.</summary>
public sealed class AdamW : Adam
{
    /// <summary>AdamW over <paramref name="parameters"/> with PyTorch's defaults (lr 1e-3, betas 0.9/0.999, eps 1e-8, λ 1e-2).</summary>
    public AdamW(IEnumerable<Tensor> parameters, double learningRate = 1e-3, double beta1 = 0.9, double beta2 = 0.999,
        double eps = 1e-8, double weightDecay = 1e-2) : base(parameters, learningRate, beta1, beta2, eps, weightDecay)
    {
    }

    /// <inheritdoc/>
    protected override bool DecoupledDecay => true;

    /// <inheritdoc/>
    public override string Kind => "adamw";
}
