using ResearchKit.Tensors;

namespace ResearchKit.Autograd;

/// <summary>Records ops for backward: the one place that decides whether an output joins the graph.</summary>
internal static class Graph
{
    /// <summary>Attaches <paramref name="backward"/> to <paramref name="output"/> when grad mode is on and any input requires grad; returns the output.</summary>
    public static Tensor Record(string op, Tensor output, Tensor[] inputs, Func<Tensor, Tensor?[]> backward)
    {
        if (Anomaly.Enabled) Anomaly.Check(op, output);
        if (!GradMode.IsEnabled || !inputs.Any(t => t.RequiresGrad)) return output;
        output.RequiresGrad = true;
        output.Node = new Node(op, inputs, backward);
        return output;
    }
}
