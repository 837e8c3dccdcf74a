using ResearchKit.Tensors;

namespace ResearchKit.Optim;

/// <summary>One parameter's optimiser state: its own step count (PyTorch keeps one per parameter) and named buffers
/// ("momentum_buffer", "exp_avg", "exp_avg_sq"); empty until the parameter first gets a gradient.</summary>
public sealed record ParamState(long Step, IReadOnlyDictionary<string, Tensor> Buffers);
