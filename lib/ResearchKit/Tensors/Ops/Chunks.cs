namespace ResearchKit.Tensors.Ops;

/// <summary>Splits flat elementwise work into fixed chunks for <see cref="Threading.For"/> (serial when small, where a
/// thread hand-off would cost more than it saves).</summary>
internal static class Chunks
{
    /// <summary>Values per chunk: large enough to amortise scheduling, small enough to balance two or more threads.</summary>
    public const int Size = 1 << 16;

    /// <summary>Runs <paramref name="body"/>(start, length) over [0, count) in fixed chunks.</summary>
    public static void For(int count, Action<int, int> body)
    {
        if (count <= Size)
        {
            body(0, count);
            return;
        }
        var chunks = (count + Size - 1) / Size;
        Threading.For(chunks, k =>
        {
            var start = k * Size;
            body(start, Math.Min(Size, count - start));
        });
    }

    /// <summary>Runs <paramref name="body"/>(i) for i in [0, count), in parallel only when each item is worth it.</summary>
    public static void ForItems(int count, int valuesPerItem, Action<int> body)
    {
        if ((long)count * valuesPerItem <= Size / 4)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        Threading.For(count, body);
    }
}
