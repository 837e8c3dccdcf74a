namespace ResearchKit.Optim;

/// <summary>Step decay (torch.optim.lr_scheduler.StepLR): lr = base · γ^⌊t / stepSize⌋.</summary>
public sealed class StepLr : LrSchedule
{
    /// <summary>Multiplies the rate by <paramref name="gamma"/> every <paramref name="stepSize"/> epochs.</summary>
    public StepLr(Optimizer optimizer, int stepSize, double gamma = 0.1) : base(optimizer)
    {
        if (stepSize <= 0) throw new ArgumentOutOfRangeException(nameof(stepSize), stepSize, "step lr: step size must be positive");
        (StepSize, Gamma) = (stepSize, gamma);
    }

    /// <summary>Epochs between decays.</summary>
    public int StepSize { get; }

    /// <summary>The factor applied at each decay.</summary>
    public double Gamma { get; }

    /// <inheritdoc/>
    public override double RateAt(int epoch) => BaseLearningRate * Math.Pow(Gamma, epoch / StepSize);
}
