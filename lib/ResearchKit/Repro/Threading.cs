namespace ResearchKit.Repro;

/// <summary>How many threads the kit's managed loops (label spectra, soft labels) use (default: all cores) and the one parallel loop they share.</summary>
/// <remarks>Work is split into the same fixed chunks whatever the scheduling, and no kernel reduces across chunks in a
/// scheduling-dependent order, so results are bitwise identical for a given thread count.</remarks>
public static class Threading
{
    private static int _threads = Environment.ProcessorCount;

    /// <summary>Threads for the managed loops (≥ 1). Set it before timing or training; results may differ between counts.</summary>
    public static int Threads
    {
        get => _threads;
        set => _threads = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(value), value, "threads must be at least 1");
    }

    /// <summary>Runs <paramref name="body"/> for i in [0, count) on up to <see cref="Threads"/> threads.</summary>
    public static void For(int count, Action<int> body)
    {
        if (count <= 0) return;
        if (_threads == 1 || count == 1)
        {
            for (var i = 0; i < count; i++) body(i);
            return;
        }
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, body);
    }
}
