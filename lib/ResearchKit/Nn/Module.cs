using ResearchKit.Tensors;

namespace ResearchKit.Nn;

/// <summary>A layer or model: named parameters, named buffers and named child modules, like torch.nn.Module.</summary>
/// <remarks>Parameters are tensors with <see cref="Tensor.RequiresGrad"/> registered by name; buffers are state that
/// is saved but not trained (BatchNorm's running statistics). Enumeration order is PyTorch's: a module's own
/// parameters (or, for the state dict, its parameters then its buffers) in registration order, then each child's,
/// depth first, names joined with dots ("enc1.conv.weight").</remarks>
public abstract partial class Module
{
    private readonly List<(string Name, Tensor Value)> _parameters = [];
    private readonly List<(string Name, Tensor Value)> _buffers = [];
    private readonly List<(string Name, Module Value)> _children = [];

    /// <summary>True in training mode (the default), false after <see cref="Eval"/>; BatchNorm and Dropout read it.</summary>
    public bool Training { get; private set; } = true;

    /// <summary>The module's output for <paramref name="input"/>.</summary>
    public abstract Tensor Forward(Tensor input);

    /// <summary>Registers <paramref name="value"/> as the trainable parameter <paramref name="name"/> (sets RequiresGrad) and returns it.</summary>
    protected Tensor RegisterParameter(string name, Tensor value)
    {
        CheckNewName(name);
        value.RequiresGrad = true;
        _parameters.Add((name, value));
        return value;
    }

    /// <summary>Registers <paramref name="value"/> as the saved, untrained buffer <paramref name="name"/> and returns it.</summary>
    protected Tensor RegisterBuffer(string name, Tensor value)
    {
        CheckNewName(name);
        _buffers.Add((name, value));
        return value;
    }

    /// <summary>Registers <paramref name="module"/> as the child <paramref name="name"/> and returns it.</summary>
    protected T RegisterModule<T>(string name, T module) where T : Module
    {
        CheckNewName(name);
        if (ReferenceEquals(module, this)) throw new ArgumentException($"module: '{name}' cannot be the module itself");
        _children.Add((name, module));
        return module;
    }

    /// <summary>Every trainable parameter of this module and its descendants, in <see cref="NamedParameters"/> order.</summary>
    public IEnumerable<Tensor> Parameters() => NamedParameters().Select(p => p.Value);

    /// <summary>(dotted name, parameter) pairs: own parameters in registration order, then each child's, depth first.</summary>
    public IEnumerable<(string Name, Tensor Value)> NamedParameters(string prefix = "")
    {
        foreach (var (name, value) in _parameters) yield return (prefix + name, value);
        foreach (var (name, child) in _children)
            foreach (var p in child.NamedParameters(prefix + name + "."))
                yield return p;
    }

    /// <summary>(dotted name, buffer) pairs in the same order as <see cref="NamedParameters"/>.</summary>
    public IEnumerable<(string Name, Tensor Value)> NamedBuffers(string prefix = "")
    {
        foreach (var (name, value) in _buffers) yield return (prefix + name, value);
        foreach (var (name, child) in _children)
            foreach (var b in child.NamedBuffers(prefix + name + "."))
                yield return b;
    }

    /// <summary>The direct children with their names, in registration order.</summary>
    public IEnumerable<(string Name, Module Value)> NamedChildren() => _children;

    /// <summary>This module (named <paramref name="prefix"/> without its trailing dot) and every descendant, depth first.</summary>
    public IEnumerable<(string Name, Module Value)> NamedModules(string prefix = "")
    {
        yield return (prefix.TrimEnd('.'), this);
        foreach (var (name, child) in _children)
            foreach (var m in child.NamedModules(prefix + name + "."))
                yield return m;
    }

    /// <summary>Total number of trainable values.</summary>
    public long ParameterCount() => Parameters().Sum(p => (long)p.Count);

    /// <summary>Sets training mode on this module and every descendant; returns this module.</summary>
    public Module Train(bool training = true)
    {
        foreach (var (_, m) in NamedModules()) m.Training = training;
        return this;
    }

    /// <summary>Sets evaluation mode (BatchNorm uses running statistics, Dropout passes through); returns this module.</summary>
    public Module Eval() => Train(false);

    /// <summary>Clears the gradient of every parameter (to null, so the next backward writes it afresh).</summary>
    public void ZeroGrad()
    {
        foreach (var p in Parameters()) p.Grad = null;
    }

    private void CheckNewName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Contains('.'))
            throw new ArgumentException($"module: '{name}' is not a valid name (non-empty, no dots)");
        if (_parameters.Any(p => p.Name == name) || _buffers.Any(b => b.Name == name) || _children.Any(c => c.Name == name))
            throw new ArgumentException($"module: '{name}' is already registered on {GetType().Name}");
    }
}
