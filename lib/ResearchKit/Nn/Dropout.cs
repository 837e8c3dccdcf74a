using ResearchKit.Autograd;
using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>Dropout (torch.nn.Dropout): in training zeroes each value with probability p and scales the rest by
/// 1/(1 − p); in evaluation passes the input through. The mask is drawn from the given <see cref="Rng"/>.</summary>
public sealed class Dropout : Module
{
    private readonly Rng _rng;

    /// <summary>Drops with probability <paramref name="p"/>, drawing masks from <paramref name="rng"/> (saved in checkpoints).</summary>
    public Dropout(double p, Rng rng)
    {
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout layer: p must be in [0, 1]");
        (P, _rng) = (p, rng);
    }

    /// <summary>Probability of zeroing a value.</summary>
    public double P { get; }

    /// <summary>Same shape; the input itself in evaluation mode.</summary>
    public override Tensor Forward(Tensor input) => F.Dropout(input, P, Training, _rng.NextDouble);
}
