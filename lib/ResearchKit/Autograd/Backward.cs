using ResearchKit.Tensors;

namespace ResearchKit.Autograd;

/// <summary>Reverse-mode differentiation over the recorded graph of a scalar loss.</summary>
internal static class Backward
{
    /// <summary>Runs backward from <paramref name="loss"/>: leaves that require grad get (or add to) <see cref="Tensor.Grad"/>.</summary>
    public static void Run(Tensor loss)
    {
        if (loss.Count != 1) throw new InvalidOperationException($"backward: needs a scalar loss, got {ShapeChecks.Format(loss.Shape)}");
        if (!loss.RequiresGrad) throw new InvalidOperationException("backward: the loss does not depend on anything that requires grad");
        var order = TopologicalOrder(loss);
        var grads = new Dictionary<Tensor, Tensor>(ReferenceEqualityComparer.Instance) { [loss] = Tensor.Full(1f, loss.Shape) };
        for (var i = order.Count - 1; i >= 0; i--)
        {
            var t = order[i];
            if (!grads.Remove(t, out var g)) continue;
            if (t.Node is not { } node)
            {
                t.Grad = t.Grad is null ? g.Detach() : Accumulate(t.Grad, g);
                continue;
            }
            var inputGrads = node.Backward(g);
            for (var k = 0; k < node.Inputs.Length; k++)
            {
                var input = node.Inputs[k];
                if (inputGrads[k] is not { } ig || !input.RequiresGrad) continue;
                if (Anomaly.Enabled) Anomaly.Check($"backward of {node.Op}", ig, "gradient");
                grads[input] = grads.TryGetValue(input, out var existing) ? Sum(existing, ig) : ig;
            }
        }
    }

    /// <summary>Tensors reachable from <paramref name="root"/>, each after every tensor it was computed from.</summary>
    private static List<Tensor> TopologicalOrder(Tensor root)
    {
        var order = new List<Tensor>();
        var seen = new HashSet<Tensor>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<(Tensor T, bool Expanded)>();
        stack.Push((root, false));
        while (stack.Count > 0)
        {
            var (t, expanded) = stack.Pop();
            if (expanded) { order.Add(t); continue; }
            if (!seen.Add(t)) continue;
            stack.Push((t, true));
            if (t.Node is { } node)
                foreach (var input in node.Inputs)
                    if (input.RequiresGrad && !seen.Contains(input)) stack.Push((input, false));
        }
        return order;
    }

    private static Tensor Sum(Tensor a, Tensor b)
    {
        var r = Tensor.Uninitialized(a.Shape);
        System.Numerics.Tensors.TensorPrimitives.Add(a.Data, b.Data, r.Data);
        return r;
    }

    /// <summary>Adds into an existing leaf gradient (owned by the leaf, so in place is safe).</summary>
    private static Tensor Accumulate(Tensor existing, Tensor g)
    {
        ShapeChecks.Same("backward", existing, g);
        System.Numerics.Tensors.TensorPrimitives.Add(existing.Data, g.Data, existing.Data);
        return existing;
    }
}
