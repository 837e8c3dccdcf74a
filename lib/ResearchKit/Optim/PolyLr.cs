namespace ResearchKit.Optim;

/// <summary>Polynomial decay (torch.optim.lr_scheduler.PolynomialLR, DeepLab's "poly"):
/// lr = base · (1 − min(t, T)/T)^power, reaching 0 at T and staying there.</summary>
public sealed class PolyLr : LrSchedule
{
    /// <summary>Decays to 0 over <paramref name="totalIters"/> epochs with exponent <paramref name="power"/> (0.9 in DeepLab).</summary>
    public PolyLr(Optimizer optimizer, int totalIters, double power = 1.0) : base(optimizer)
    {
        if (totalIters <= 0) throw new ArgumentOutOfRangeException(nameof(totalIters), totalIters, "poly lr: total iterations must be positive");
        if (power < 0) throw new ArgumentOutOfRangeException(nameof(power), power, "poly lr: power must be ≥ 0");
        (TotalIters, Power) = (totalIters, power);
    }

    /// <summary>T, the epoch at which the rate reaches 0.</summary>
    public int TotalIters { get; }

    /// <summary>The exponent.</summary>
    public double Power { get; }

    /// <inheritdoc/>
    public override double RateAt(int epoch) =>
        BaseLearningRate * Math.Pow(1.0 - (double)Math.Min(TotalIters, epoch) / TotalIters, Power);
}
