using ResearchKit.Tensors;

namespace ResearchKit.Optim;

/// <summary>Base of the optimisers: one group of parameters updated in place from their gradients by <see cref="Step"/>.</summary>
/// <remarks>Parameters without a gradient are skipped by a step (and keep their state), as in PyTorch. The learning
/// rate is a property so that schedules (<see cref="LrSchedule"/>) can set it between steps.</remarks>
public abstract class Optimizer
{
    private readonly long[] _steps;
    private readonly Dictionary<string, Tensor>[] _buffers;
    private double _learningRate;

    /// <summary>An optimiser over <paramref name="parameters"/> (order matters for exported state).</summary>
    protected Optimizer(IEnumerable<Tensor> parameters, double learningRate)
    {
        Parameters = parameters.ToArray();
        if (Parameters.Count == 0) throw new ArgumentException($"{Kind}: no parameters to optimise");
        if (Parameters.Distinct(ReferenceEqualityComparer.Instance).Count() != Parameters.Count)
            throw new ArgumentException($"{Kind}: a parameter appears more than once");
        LearningRate = learningRate;
        _steps = new long[Parameters.Count];
        _buffers = Parameters.Select(_ => new Dictionary<string, Tensor>()).ToArray();
    }

    /// <summary>The optimised parameters, in order.</summary>
    public IReadOnlyList<Tensor> Parameters { get; }

    /// <summary>The learning rate of the next step.</summary>
    public double LearningRate
    {
        get => _learningRate;
        set => _learningRate = value >= 0 && double.IsFinite(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"{Kind}: learning rate must be finite and ≥ 0");
    }

    /// <summary>Number of <see cref="Step"/> calls so far.</summary>
    public long StepCount { get; private set; }

    /// <summary>The optimiser's name as stored in checkpoints ("sgd", "adam", "adamw").</summary>
    public abstract string Kind { get; }

    /// <summary>Clears every parameter's gradient (to null).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters) p.Grad = null;
    }

    /// <summary>Updates every parameter that has a gradient, in place.</summary>
    public void Step()
    {
        StepCount++;
        for (var i = 0; i < Parameters.Count; i++)
        {
            var p = Parameters[i];
            if (p.Grad is not { } grad) continue;
            ShapeChecks.Same($"{Kind} step", p, grad);
            _steps[i]++;
            Update(p.Data, grad.Data, _steps[i], new Slots(_buffers[i], p.Shape));
        }
    }

    /// <summary>Applies one update to <paramref name="param"/> given its gradient and its <paramref name="step"/>-th
    /// update count (1 on the first); <paramref name="slots"/> holds this parameter's buffers.</summary>
    protected abstract void Update(Span<float> param, ReadOnlySpan<float> grad, long step, Slots slots);

    /// <summary>A copy of the full state (step counts, buffers, learning rate).</summary>
    public OptimizerState ExportState() => new(Kind, StepCount, LearningRate,
        Parameters.Select((_, i) => new ParamState(_steps[i],
            _buffers[i].ToDictionary(b => b.Key, b => b.Value.Detach()))).ToArray());

    /// <summary>Replaces the state with a copy of <paramref name="state"/> after checking that it fits (same kind,
    /// parameter count and shapes; otherwise an <see cref="ArgumentException"/> lists every mismatch and nothing changes).</summary>
    public void ImportState(OptimizerState state)
    {
        var problems = CheckState(state);
        if (problems.Count > 0) throw new ArgumentException("optimiser state: " + string.Join("; ", problems));
        StepCount = state.StepCount;
        LearningRate = state.LearningRate;
        for (var i = 0; i < Parameters.Count; i++)
        {
            _steps[i] = state.Params[i].Step;
            _buffers[i].Clear();
            foreach (var (name, t) in state.Params[i].Buffers) _buffers[i][name] = t.Detach();
        }
    }

    /// <summary>Every reason <paramref name="state"/> cannot be imported, one readable line each.</summary>
    internal List<string> CheckState(OptimizerState state)
    {
        var problems = new List<string>();
        if (state.Kind != Kind) problems.Add($"saved by {state.Kind}, this optimiser is {Kind}");
        if (state.Params.Count != Parameters.Count)
        {
            problems.Add($"saved for {state.Params.Count} parameters, this optimiser has {Parameters.Count}");
            return problems;
        }
        for (var i = 0; i < Parameters.Count; i++)
            foreach (var (name, t) in state.Params[i].Buffers)
                if (!t.Shape.AsSpan().SequenceEqual(Parameters[i].Shape))
                    problems.Add($"parameter {i} {name}: saved {ShapeChecks.Format(t.Shape)}, parameter {ShapeChecks.Format(Parameters[i].Shape)}");
        return problems;
    }

    /// <summary>One parameter's named buffers, created zero-filled (or from a given value) on first use.</summary>
    protected readonly struct Slots
    {
        private readonly Dictionary<string, Tensor> _buffers;
        private readonly int[] _shape;

        internal Slots(Dictionary<string, Tensor> buffers, int[] shape) => (_buffers, _shape) = (buffers, shape);

        /// <summary>Whether the buffer <paramref name="name"/> exists yet.</summary>
        public bool Has(string name) => _buffers.ContainsKey(name);

        /// <summary>The buffer <paramref name="name"/>, created zero-filled on first use.</summary>
        public Span<float> Get(string name)
        {
            if (!_buffers.TryGetValue(name, out var t)) _buffers[name] = t = Tensor.Zeros(_shape);
            return t.Data;
        }
    }
}
