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

    /// <summary>Runs <paramref name="body"/>(i) for i in [0, count): serially when small, else in contiguous ranges of
    /// items (about <see cref="Size"/>/4 values each, at least one range per thread) so tiny items do not pay a
    /// scheduling cost each.</summary>
    public static void ForItems(int count, int valuesPerItem, Action<int> body)
    {
        var total = (long)count * valuesPerItem;
        if (total <= Size / 4 || count == 1 || Threading.Threads == 1)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        var ranges = (int)Math.Min(count, Math.Max(Threading.Threads, total / (Size / 4)));
        Threading.For(ranges, r =>
        {
            int start = (int)((long)count * r / ranges), end = (int)((long)count * (r + 1) / ranges);
            for (var i = start; i < end; i++) body(i);
        });
    }
}
