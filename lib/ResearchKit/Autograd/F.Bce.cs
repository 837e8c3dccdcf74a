using ResearchKit.Tensors;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>1/(1 + e^−x) elementwise; the gradient is y·(1 − y).</summary>
    public static Tensor Sigmoid(Tensor x)
    {
        var y = Tensor.Uninitialized(x.Shape);
        for (var i = 0; i < x.Count; i++) y.Data[i] = (float)(1 / (1 + Math.Exp(-x.Data[i])));
        return Graph.Record("sigmoid", y, [x], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            for (var i = 0; i < x.Count; i++) dx.Data[i] = g.Data[i] * y.Data[i] * (1 - y.Data[i]);
            return [dx];
        });
    }

    /// <summary>Binary cross-entropy −mean[t·log q + (1 − t)·log(1 − q)] over every element of probabilities
    /// <paramref name="q"/> and targets <paramref name="t"/> in [0, 1], each log clamped at ≥ −100 (PyTorch's BCELoss).</summary>
    /// <remarks>self-regulation spec §3: the class-presence loss of every exit, and ClassPresenceBce with a soft, detached
    /// target. ∂/∂q = (q − t)/max(q·(1 − q), 1e−12)/n as PyTorch; ∂/∂t = −(log q − log(1 − q))/n.</remarks>
    public static Tensor BinaryCrossEntropy(Tensor q, Tensor t)
    {
        const string op = "binary_cross_entropy";
        ShapeChecks.Same(op, q, t);
        double n = q.Count, sum = 0;
        var logQ = new double[q.Count];
        var log1mQ = new double[q.Count];
        for (var i = 0; i < q.Count; i++)
        {
            if (q.Data[i] is < 0 or > 1 || float.IsNaN(q.Data[i]))
                throw new ArgumentOutOfRangeException(nameof(q), $"{op}: input {q.Data[i]} at {i} is not a probability in [0, 1]");
            logQ[i] = Math.Max(Math.Log(q.Data[i]), -100);
            log1mQ[i] = Math.Max(Math.Log(1 - (double)q.Data[i]), -100);
            sum -= t.Data[i] * logQ[i] + (1 - t.Data[i]) * log1mQ[i];
        }
        return Graph.Record(op, Tensor.Scalar((float)(sum / n)), [q, t], g =>
        {
            var scale = g.Data[0] / n;
            Tensor? dq = null, dt = null;
            if (q.RequiresGrad)
            {
                dq = Tensor.Uninitialized(q.Shape);
                for (var i = 0; i < q.Count; i++)
                {
                    double p = q.Data[i];
                    dq.Data[i] = (float)(scale * (p - t.Data[i]) / Math.Max(p * (1 - p), 1e-12));
                }
            }
            if (t.RequiresGrad)
            {
                dt = Tensor.Uninitialized(t.Shape);
                for (var i = 0; i < t.Count; i++) dt.Data[i] = (float)(-scale * (logQ[i] - log1mQ[i]));
            }
            return [dq, dt];
        });
    }
}
