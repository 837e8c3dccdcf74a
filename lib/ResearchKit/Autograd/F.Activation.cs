using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using ResearchKit.Tensors;
using ResearchKit.Tensors.Ops;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>max(x, 0) elementwise; the gradient passes where the output is positive (0 at x = 0, as PyTorch).</summary>
    public static Tensor Relu(Tensor x)
    {
        var y = Tensor.Uninitialized(x.Shape);
        Chunks.For(x.Count, (s, n) => TensorPrimitives.Max(x.Data.AsSpan(s, n), 0f, y.Data.AsSpan(s, n)));
        return Graph.Record("relu", y, [x], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            Chunks.For(x.Count, (s, n) => Simd.PassWherePositive(g.Data.AsSpan(s, n), y.Data.AsSpan(s, n), dx.Data.AsSpan(s, n)));
            return [dx];
        });
    }

    /// <summary>Inverted dropout: in training each value is zeroed with probability <paramref name="p"/> and the rest
    /// scaled by 1/(1 − p); identity in eval. <paramref name="uniform"/> draws from [0, 1), one call per value in
    /// row-major order, so a seeded source gives a reproducible mask.</summary>
    public static Tensor Dropout(Tensor x, double p, bool training, Func<double> uniform)
    {
        if (p is < 0 or > 1 || double.IsNaN(p)) throw new ArgumentOutOfRangeException(nameof(p), p, "dropout: p must be in [0, 1]");
        if (!training || p == 0) return x;
        var mask = new float[x.Count];
        var keep = (float)(p == 1 ? 0 : 1 / (1 - p));
        for (var i = 0; i < mask.Length; i++) mask[i] = uniform() < 1 - p ? keep : 0f;
        var y = Tensor.Uninitialized(x.Shape);
        TensorPrimitives.Multiply(x.Data, mask, y.Data);
        return Graph.Record("dropout", y, [x], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            TensorPrimitives.Multiply(g.Data, mask, dx.Data);
            return [dx];
        });
    }

    /// <summary><see cref="Dropout(Tensor, double, bool, Func{double})"/> drawing from <paramref name="rng"/>.NextDouble.</summary>
    public static Tensor Dropout(Tensor x, double p, bool training, Random rng) => Dropout(x, p, training, rng.NextDouble);

    /// <summary>softmax along <paramref name="dim"/> (negative counts from the end), stable around the maximum.</summary>
    public static Tensor Softmax(Tensor x, int dim) => SoftmaxOp(x, dim, log: false);

    /// <summary>log_softmax along <paramref name="dim"/>: x − logΣexp(x), stable around the maximum.</summary>
    public static Tensor LogSoftmax(Tensor x, int dim) => SoftmaxOp(x, dim, log: true);

    private static Tensor SoftmaxOp(Tensor x, int dim, bool log)
    {
        var op = log ? "log_softmax" : "softmax";
        var layout = DimLayout.Around(x.Shape, NormaliseDim(op, x, dim));
        var y = Tensor.Uninitialized(x.Shape);
        SoftmaxKernels.Softmax(x.Data, y.Data, layout, log);
        return Graph.Record(op, y, [x], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            SoftmaxKernels.SoftmaxBackward(g.Data, y.Data, dx.Data, layout, log);
            return [dx];
        });
    }

    /// <summary>dim in [−rank, rank) mapped to [0, rank), or an error naming the op.</summary>
    private static int NormaliseDim(string op, Tensor x, int dim)
    {
        if (dim < -x.Rank || dim >= x.Rank)
            throw new ArgumentException($"{op}: dim {dim} is out of range for shape {ShapeChecks.Format(x.Shape)}");
        return dim < 0 ? dim + x.Rank : dim;
    }
}
