using static TorchSharp.torch;

namespace ResearchKit.Models;

/// <summary>A TorchSharp module whose children are registered by name in its constructor, in PyTorch's order (so state
/// dicts, parameter order and hooks line up with the PyTorch twins in bench/torch/).</summary>
/// <remarks>TorchSharp registers a module's private module fields again, under their field names, when the module
/// becomes a child (<c>RegisterComponents</c>); a hook on each entry of that list would then fire twice. Every kit
/// module derives from this class, which turns that off.</remarks>
public abstract class NamedModule(string name) : nn.Module<Tensor, Tensor>(name)
{
    /// <summary>Nothing: the constructor has registered every child by name.</summary>
    protected override void RegisterComponents() { }
}
