using ResearchKit.Tensors;

namespace ResearchKit.Nn;

public abstract partial class Module
{
    /// <summary>Name → tensor for every parameter and buffer, in PyTorch's state_dict order (per module: parameters,
    /// then buffers, then children). The tensors share their values with the module (like torch's detached views).</summary>
    public OrderedDictionary<string, Tensor> StateDict()
    {
        var state = new OrderedDictionary<string, Tensor>();
        AddState(state, "");
        return state;
    }

    /// <summary>Copies every entry of <paramref name="state"/> into the matching parameter or buffer, after checking
    /// that names and shapes match (all problems listed in one <see cref="ArgumentException"/>, nothing copied then).</summary>
    /// <param name="state">Name → values, as produced by <see cref="StateDict"/>.</param>
    /// <param name="strict">When true, names missing on either side are errors; when false they are skipped.</param>
    public void LoadStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict = true)
    {
        var problems = CheckStateDict(state, strict, "state dict");
        if (problems.Count > 0) throw new ArgumentException("load state dict: " + string.Join("; ", problems));
        CopyStateFrom(state);
    }

    /// <summary>Every mismatch between this module's state and <paramref name="state"/>, one readable line each
    /// ("layer enc1.conv.weight: checkpoint [16,3,3,3], model [32,3,3,3]").</summary>
    internal List<string> CheckStateDict(IReadOnlyDictionary<string, Tensor> state, bool strict, string source)
    {
        var problems = new List<string>();
        var own = StateDict();
        foreach (var (name, mine) in own)
        {
            if (!state.TryGetValue(name, out var theirs))
            {
                if (strict) problems.Add($"layer {name}: missing from the {source} (model {ShapeChecks.Format(mine.Shape)})");
                continue;
            }
            if (!theirs.Shape.AsSpan().SequenceEqual(mine.Shape))
                problems.Add($"layer {name}: {source} {ShapeChecks.Format(theirs.Shape)}, model {ShapeChecks.Format(mine.Shape)}");
        }
        if (strict)
            foreach (var name in state.Keys)
                if (!own.ContainsKey(name)) problems.Add($"layer {name}: in the {source} but not in the model");
        return problems;
    }

    /// <summary>Copies the values of matching names in place (references held by optimisers stay valid).</summary>
    internal void CopyStateFrom(IReadOnlyDictionary<string, Tensor> state)
    {
        foreach (var (name, mine) in StateDict())
            if (state.TryGetValue(name, out var theirs))
                theirs.Data.AsSpan().CopyTo(mine.Data);
    }

    private void AddState(OrderedDictionary<string, Tensor> state, string prefix)
    {
        foreach (var (name, value) in _parameters) state.Add(prefix + name, new Tensor(value.Data, value.Shape));
        foreach (var (name, value) in _buffers) state.Add(prefix + name, new Tensor(value.Data, value.Shape));
        foreach (var (name, child) in _children) child.AddState(state, prefix + name + ".");
    }
}
