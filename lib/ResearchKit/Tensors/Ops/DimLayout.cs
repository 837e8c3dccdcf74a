namespace ResearchKit.Tensors.Ops;

/// <summary>A tensor seen as [Outer, Size, Inner] around one dimension: value (o, i, j) sits at (o·Size + i)·Inner + j.</summary>
internal readonly record struct DimLayout(int Outer, int Size, int Inner)
{
    /// <summary>Values per block of inner positions that kernels process together (fits L1/L2 for a few dozen rows).</summary>
    public const int Block = 512;

    /// <summary>The layout of <paramref name="shape"/> around <paramref name="dim"/> (already normalised to [0, rank)).</summary>
    public static DimLayout Around(IReadOnlyList<int> shape, int dim)
    {
        int outer = 1, inner = 1;
        for (var d = 0; d < dim; d++) outer *= shape[d];
        for (var d = dim + 1; d < shape.Count; d++) inner *= shape[d];
        return new DimLayout(outer, shape[dim], inner);
    }

    /// <summary>Offset of row i of outer slice o, at inner position j.</summary>
    public int Offset(int o, int i, int j) => (o * Size + i) * Inner + j;

    /// <summary>Runs <paramref name="body"/>(o, start, length) over every outer slice and block of inner positions, in parallel.</summary>
    public void ForBlocks(Action<int, int, int> body)
    {
        var blocks = (Inner + Block - 1) / Block;
        var layout = this;
        Chunks.ForItems(Outer * blocks, Size * Math.Min(Inner, Block), k =>
        {
            int o = k / blocks, start = k % blocks * Block;
            body(o, start, Math.Min(Block, layout.Inner - start));
        });
    }
}
