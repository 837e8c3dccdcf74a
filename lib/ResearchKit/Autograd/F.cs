using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using ResearchKit.Tensors;

namespace ResearchKit.Autograd;

/// <summary>Differentiable ops on <see cref="Tensor"/>, named as in torch.nn.functional; one file per family.</summary>
/// <remarks>Every op checks shapes (errors name the op and the shapes), computes its output with the kernels in
/// <c>Tensors/Kernels</c>, and records its backward through <see cref="Graph.Record"/>.</remarks>
public static partial class F
{
    /// <summary>a + b, same shapes.</summary>
    public static Tensor Add(Tensor a, Tensor b)
    {
        ShapeChecks.Same("add", a, b);
        var r = Tensor.Uninitialized(a.Shape);
        TensorPrimitives.Add(a.Data, b.Data, r.Data);
        return Graph.Record("add", r, [a, b], g => [g, g]);
    }

    /// <summary>a ⊙ b elementwise, same shapes.</summary>
    public static Tensor Mul(Tensor a, Tensor b)
    {
        ShapeChecks.Same("mul", a, b);
        var r = Tensor.Uninitialized(a.Shape);
        TensorPrimitives.Multiply(a.Data, b.Data, r.Data);
        return Graph.Record("mul", r, [a, b], g => [a.RequiresGrad ? Times(g, b) : null, b.RequiresGrad ? Times(g, a) : null]);
    }

    /// <summary>c·a for a constant c.</summary>
    public static Tensor Scale(Tensor a, float c)
    {
        var r = Tensor.Uninitialized(a.Shape);
        TensorPrimitives.Multiply(a.Data, c, r.Data);
        return Graph.Record("scale", r, [a], g =>
        {
            var ga = Tensor.Uninitialized(g.Shape);
            TensorPrimitives.Multiply(g.Data, c, ga.Data);
            return [ga];
        });
    }

    /// <summary>Sum of all values, as a scalar [].</summary>
    public static Tensor Sum(Tensor a)
    {
        var r = Tensor.Scalar(TensorPrimitives.Sum<float>(a.Data));
        return Graph.Record("sum", r, [a], g => [Tensor.Full(g.Data[0], a.Shape)]);
    }

    /// <summary>Mean of all values, as a scalar [].</summary>
    public static Tensor Mean(Tensor a)
    {
        var r = Tensor.Scalar(TensorPrimitives.Sum<float>(a.Data) / a.Count);
        return Graph.Record("mean", r, [a], g => [Tensor.Full(g.Data[0] / a.Count, a.Shape)]);
    }

    /// <summary>The same values with another shape of equal count (shares the buffer).</summary>
    public static Tensor Reshape(Tensor a, params int[] shape)
    {
        if (ShapeChecks.Count(shape) != a.Count)
            throw new ArgumentException($"reshape: cannot view {ShapeChecks.Format(a.Shape)} as {ShapeChecks.Format(shape)}");
        var r = new Tensor(a.Data, shape);
        return Graph.Record("reshape", r, [a], g => [new Tensor(g.Data, a.Shape)]);
    }

    private static Tensor Times(Tensor a, Tensor b)
    {
        var r = Tensor.Uninitialized(a.Shape);
        TensorPrimitives.Multiply(a.Data, b.Data, r.Data);
        return r;
    }
}
