namespace ResearchKit.Optim;

/// <summary>Everything an optimiser needs to continue exactly where it stopped: its kind, the number of
/// <see cref="Optimizer.Step"/> calls, the current learning rate and one <see cref="ParamState"/> per parameter (in the
/// optimiser's parameter order). Tensors are copies, independent of the optimiser.</summary>
public sealed record OptimizerState(string Kind, long StepCount, double LearningRate, IReadOnlyList<ParamState> Params);
