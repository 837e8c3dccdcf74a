namespace ResearchKit.Tensors;

/// <summary>Shape arithmetic and the checks every op runs, failing with the op's name and the shapes involved.</summary>
public static class ShapeChecks
{
    /// <summary>"[8,3,96,128]".</summary>
    public static string Format(IReadOnlyList<int> shape) => "[" + string.Join(",", shape) + "]";

    /// <summary>Product of the dimensions (1 for a scalar).</summary>
    public static int Count(IReadOnlyList<int> shape)
    {
        long n = 1;
        foreach (var d in shape) n *= d;
        return n <= int.MaxValue ? (int)n : throw new ArgumentException($"tensor: shape {Format(shape)} has more than 2^31 values");
    }

    /// <summary>Throws unless every dimension is positive.</summary>
    public static void Validate(IReadOnlyList<int> shape)
    {
        foreach (var d in shape)
            if (d <= 0) throw new ArgumentException($"tensor: shape {Format(shape)} has a dimension that is not positive");
    }

    /// <summary>Throws "op: expected ... got [shape]" unless <paramref name="t"/> has rank <paramref name="rank"/>.</summary>
    public static void Rank(string op, Tensor t, int rank, string what = "input")
    {
        if (t.Rank != rank) throw new ArgumentException($"{op}: {what} must have {rank} dimensions, got {Format(t.Shape)}");
    }

    /// <summary>Throws "op: shapes [a] and [b] differ" unless the two shapes are equal.</summary>
    public static void Same(string op, Tensor a, Tensor b)
    {
        if (!a.Shape.AsSpan().SequenceEqual(b.Shape))
            throw new ArgumentException($"{op}: shapes {Format(a.Shape)} and {Format(b.Shape)} differ");
    }

    /// <summary>Throws "op: message (shapes [a], [b])" unless <paramref name="ok"/>.</summary>
    public static void Require(bool ok, string op, string message, params Tensor[] tensors)
    {
        if (!ok) throw new ArgumentException($"{op}: {message} (shapes {string.Join(", ", tensors.Select(t => Format(t.Shape)))})");
    }
}
