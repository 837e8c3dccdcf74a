namespace ResearchKit.Optim;

/// <summary>A learning-rate schedule over steps or epochs, setting <see cref="Optimizer.LearningRate"/> like a
/// torch.optim.lr_scheduler: at construction the rate is the optimiser's (epoch 0), each <see cref="Step"/> advances one epoch.</summary>
/// <remarks>Rates are PyTorch's closed forms (<c>_get_closed_form_lr</c>), which its recursive updates reproduce up to
/// rounding; a closed form lets a resumed run jump straight to its epoch.</remarks>
public abstract class LrSchedule
{
    private int _epoch;

    /// <summary>A schedule for <paramref name="optimizer"/>, starting from its current learning rate.</summary>
    protected LrSchedule(Optimizer optimizer)
    {
        Optimizer = optimizer;
        BaseLearningRate = optimizer.LearningRate;
    }

    /// <summary>The optimiser whose rate is set.</summary>
    public Optimizer Optimizer { get; }

    /// <summary>The rate at epoch 0 (PyTorch's base_lr).</summary>
    public double BaseLearningRate { get; }

    /// <summary>The current epoch (PyTorch's last_epoch); setting it sets the optimiser's rate (used when resuming).</summary>
    public int Epoch
    {
        get => _epoch;
        set
        {
            if (value < 0) throw new ArgumentOutOfRangeException(nameof(value), value, "lr schedule: epoch must be ≥ 0");
            _epoch = value;
            Optimizer.LearningRate = RateAt(value);
        }
    }

    /// <summary>Advances one epoch (or step) and sets the optimiser's rate for it.</summary>
    public void Step() => Epoch = _epoch + 1;

    /// <summary>The learning rate at <paramref name="epoch"/>.</summary>
    public abstract double RateAt(int epoch);
}
