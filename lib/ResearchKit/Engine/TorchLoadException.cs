namespace ResearchKit.Engine;

/// <summary>libtorch's native library could not be loaded; the message is one line naming the library and the reason.</summary>
public sealed class TorchLoadException(string message, Exception inner) : Exception(message, inner);
