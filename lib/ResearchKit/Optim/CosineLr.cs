namespace ResearchKit.Optim;

/// <summary>Cosine annealing (torch.optim.lr_scheduler.CosineAnnealingLR):
/// lr = η_min + (base − η_min)·(1 + cos(π·t/T_max))/2, which goes back up after T_max as PyTorch's does.</summary>
public sealed class CosineLr : LrSchedule
{
    /// <summary>Anneals from the optimiser's rate to <paramref name="etaMin"/> over <paramref name="tMax"/> epochs.</summary>
    public CosineLr(Optimizer optimizer, int tMax, double etaMin = 0) : base(optimizer)
    {
        if (tMax <= 0) throw new ArgumentOutOfRangeException(nameof(tMax), tMax, "cosine lr: T_max must be positive");
        (TMax, EtaMin) = (tMax, etaMin);
    }

    /// <summary>Half period in epochs.</summary>
    public int TMax { get; }

    /// <summary>The minimum rate, reached at T_max.</summary>
    public double EtaMin { get; }

    /// <inheritdoc/>
    public override double RateAt(int epoch) =>
        EtaMin + (BaseLearningRate - EtaMin) * (1 + Math.Cos(Math.PI * epoch / TMax)) / 2;
}
