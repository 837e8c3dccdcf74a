using TensorPrimitives = System.Numerics.Tensors.TensorPrimitives;
using ResearchKit.Tensors;
using ResearchKit.Tensors.Ops;

namespace ResearchKit.Autograd;

public static partial class F
{
    /// <summary>Joins tensors along <paramref name="dim"/> (torch.cat); all other dimensions must agree.</summary>
    public static Tensor Concat(Tensor[] xs, int dim)
    {
        const string op = "cat";
        if (xs.Length == 0) throw new ArgumentException($"{op}: needs at least one tensor");
        var first = xs[0];
        dim = NormaliseDim(op, first, dim);
        var total = 0;
        foreach (var t in xs)
        {
            var same = t.Rank == first.Rank && Enumerable.Range(0, t.Rank).All(d => d == dim || t.Shape[d] == first.Shape[d]);
            ShapeChecks.Require(same, op, $"tensors must match in every dimension except {dim}", first, t);
            total += t.Shape[dim];
        }
        var shape = (int[])first.Shape.Clone();
        shape[dim] = total;
        var y = Tensor.Uninitialized(shape);
        var layout = DimLayout.Around(shape, dim);
        var blocks = xs.Select(t => t.Shape[dim] * layout.Inner).ToArray(); // contiguous values per outer slice
        var rowBlock = total * layout.Inner;
        Chunks.ForItems(layout.Outer, rowBlock, o =>
        {
            var at = o * rowBlock;
            for (var k = 0; k < xs.Length; k++)
            {
                xs[k].Data.AsSpan(o * blocks[k], blocks[k]).CopyTo(y.Data.AsSpan(at, blocks[k]));
                at += blocks[k];
            }
        });
        return Graph.Record(op, y, xs, g =>
        {
            var grads = new Tensor?[xs.Length];
            var offset = 0;
            for (var k = 0; k < xs.Length; k++)
            {
                if (xs[k].RequiresGrad) grads[k] = Slice(g, layout.Outer, rowBlock, offset, blocks[k], xs[k].Shape);
                offset += blocks[k];
            }
            return grads;
        });
    }

    /// <summary>Sum over <paramref name="dims"/> (torch.sum(x, dims, keepdim)); the reduced dimensions are dropped unless
    /// <paramref name="keepDim"/>.</summary>
    public static Tensor Sum(Tensor x, int[] dims, bool keepDim = false) => Reduce("sum", x, dims, keepDim, mean: false);

    /// <summary>Mean over <paramref name="dims"/> (torch.mean(x, dims, keepdim)).</summary>
    public static Tensor Mean(Tensor x, int[] dims, bool keepDim = false) => Reduce("mean", x, dims, keepDim, mean: true);

    private static Tensor Slice(Tensor g, int outer, int rowBlock, int offset, int block, int[] shape)
    {
        var r = Tensor.Uninitialized(shape);
        Chunks.ForItems(outer, block, o => g.Data.AsSpan(o * rowBlock + offset, block).CopyTo(r.Data.AsSpan(o * block, block)));
        return r;
    }

    private static Tensor Reduce(string op, Tensor x, int[] dims, bool keepDim, bool mean)
    {
        var reduced = new bool[x.Rank];
        foreach (var d in dims)
        {
            var nd = NormaliseDim(op, x, d);
            if (reduced[nd]) throw new ArgumentException($"{op}: dim {d} appears twice for shape {ShapeChecks.Format(x.Shape)}");
            reduced[nd] = true;
        }
        var kept = Enumerable.Range(0, x.Rank).Select(d => reduced[d] ? 1 : x.Shape[d]).ToArray();
        var outShape = keepDim ? kept : Enumerable.Range(0, x.Rank).Where(d => !reduced[d]).Select(d => x.Shape[d]).ToArray();
        var map = OutputIndexMap(x.Shape, kept, reduced);
        var count = x.Count / ShapeChecks.Count(kept);
        var factor = mean ? 1.0 / count : 1.0;
        var acc = new double[ShapeChecks.Count(kept)];
        for (var i = 0; i < x.Count; i++) acc[map[i]] += x.Data[i];
        var y = new Tensor(acc.Select(v => (float)(v * factor)).ToArray(), outShape);
        return Graph.Record(op, y, [x], g =>
        {
            var dx = Tensor.Uninitialized(x.Shape);
            for (var i = 0; i < x.Count; i++) dx.Data[i] = g.Data[map[i]];
            if (mean) TensorPrimitives.Multiply(dx.Data, (float)factor, dx.Data);
            return [dx];
        });
    }

    /// <summary>For each input position, the flat index of the output value it reduces into.</summary>
    private static int[] OutputIndexMap(int[] shape, int[] kept, bool[] reduced)
    {
        var rank = shape.Length;
        var stride = new int[rank]; // output stride of each input dimension; 0 where reduced
        for (int d = rank - 1, s = 1; d >= 0; d--)
        {
            stride[d] = reduced[d] ? 0 : s;
            s *= kept[d];
        }
        var map = new int[ShapeChecks.Count(shape)];
        var index = new int[rank];
        var at = 0;
        for (var i = 0; i < map.Length; i++)
        {
            map[i] = at;
            for (var d = rank - 1; d >= 0; d--)
            {
                at += stride[d];
                if (++index[d] < shape[d]) break;
                at -= stride[d] * shape[d];
                index[d] = 0;
            }
        }
        return map;
    }
}
