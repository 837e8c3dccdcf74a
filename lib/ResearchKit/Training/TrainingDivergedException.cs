namespace ResearchKit.Training;

/// <summary>Training stopped because the loss or a gradient became NaN or Inf (early stop on NaN, with the op named).</summary>
public sealed class TrainingDivergedException(string message) : InvalidOperationException(message);
