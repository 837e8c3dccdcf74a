using ResearchKit.Autograd;

namespace ResearchKit.Tensors;

/// <summary>A contiguous row-major float32 tensor that can take part in automatic differentiation.</summary>
/// <remarks>Always contiguous: <see cref="F.Reshape"/> shares the buffer, every other op writes a new one. Shapes follow
/// PyTorch's NCHW order: images [N,C,H,W], convolution weights [Cout,Cin/groups,kH,kW].</remarks>
public sealed partial class Tensor
{
    /// <summary>Wraps <paramref name="data"/> (not copied) as a tensor of <paramref name="shape"/>.</summary>
    public Tensor(float[] data, params int[] shape)
    {
        ShapeChecks.Validate(shape);
        if (data.Length != ShapeChecks.Count(shape))
            throw new ArgumentException($"tensor: shape {ShapeChecks.Format(shape)} needs {ShapeChecks.Count(shape)} values, got {data.Length}");
        Data = data;
        Shape = (int[])shape.Clone();
    }

    /// <summary>The values, row-major.</summary>
    public float[] Data { get; }

    /// <summary>The size of each dimension.</summary>
    public int[] Shape { get; }

    /// <summary>Number of dimensions.</summary>
    public int Rank => Shape.Length;

    /// <summary>Number of values.</summary>
    public int Count => Data.Length;

    /// <summary>Whether gradients flow to this tensor (true for parameters and for results of ops on such tensors).</summary>
    public bool RequiresGrad { get; set; }

    /// <summary>∂loss/∂this after <see cref="Backward"/>; kept for leaves (parameters, inputs), released for intermediates.</summary>
    public Tensor? Grad { get; set; }

    /// <summary>The op that produced this tensor, when it was recorded for backward.</summary>
    internal Node? Node { get; set; }

    /// <summary>True when no recorded op produced this tensor (inputs and parameters).</summary>
    public bool IsLeaf => Node is null;

    /// <summary>Size of dimension <paramref name="dim"/> (negative counts from the end).</summary>
    public int Size(int dim) => Shape[dim < 0 ? Rank + dim : dim];

    /// <summary>A new zero-filled tensor.</summary>
    public static Tensor Zeros(params int[] shape) => new(new float[ShapeChecks.Count(shape)], shape);

    /// <summary>A new tensor with every value <paramref name="value"/>.</summary>
    public static Tensor Full(float value, params int[] shape)
    {
        var t = Uninitialized(shape);
        Array.Fill(t.Data, value);
        return t;
    }

    /// <summary>A scalar tensor of shape [].</summary>
    public static Tensor Scalar(float value) => new([value]);

    /// <summary>A new tensor whose values are not cleared (the caller writes every one).</summary>
    internal static Tensor Uninitialized(params int[] shape) =>
        new(GC.AllocateUninitializedArray<float>(ShapeChecks.Count(shape)), shape);

    /// <summary>The single value of a one-element tensor.</summary>
    public float Item() => Count == 1 ? Data[0] : throw new InvalidOperationException($"item: tensor {ShapeChecks.Format(Shape)} has {Count} values, not 1");

    /// <summary>A copy of the values and shape, outside any graph.</summary>
    public Tensor Detach() => new((float[])Data.Clone(), Shape);

    /// <summary>Back-propagates from this scalar: fills <see cref="Grad"/> of every leaf that requires it.</summary>
    public void Backward() => Autograd.Backward.Run(this);

    /// <summary>"Tensor[8,3,96,128]" (plus "requires grad").</summary>
    public override string ToString() => $"Tensor{ShapeChecks.Format(Shape)}{(RequiresGrad ? " requires grad" : "")}";
}
