using ResearchKit.Nn;
using ResearchKit.Tensors;

namespace ResearchKit.Data;

/// <summary>Seeded training batches from a <see cref="SegmentationSet"/>: a shuffled order per epoch, a random crop of
/// <see cref="CropHeight"/>×<see cref="CropWidth"/> and a horizontal flip with probability ½ per sample, the last
/// incomplete batch dropped (as mmsegmentation's training sampler). A background task prepares the next batch while the
/// current one trains.</summary>
/// <remarks>Every random draw comes from one <see cref="Rng"/> seeded by (seed, epoch), in sample order, so epoch e's
/// batches are the same whatever happened before it: a resumed run sees exactly the batches of an uninterrupted one.</remarks>
public sealed class SegmentationLoader
{
    private readonly SegmentationSet _set;
    private readonly ulong _seed;

    /// <summary>Batches of <paramref name="batchSize"/> crops of <paramref name="cropHeight"/>×<paramref name="cropWidth"/> from <paramref name="set"/>.</summary>
    public SegmentationLoader(SegmentationSet set, int batchSize, int cropHeight, int cropWidth, ulong seed, bool flip = true)
    {
        if (batchSize < 1 || batchSize > set.Count)
            throw new ArgumentException($"{set.Name}: batch size {batchSize} must be between 1 and the {set.Count} samples");
        if (cropHeight < 1 || cropWidth < 1 || cropHeight > set.Height || cropWidth > set.Width)
            throw new ArgumentException($"{set.Name}: crop {cropHeight}x{cropWidth} does not fit the {set.Height}x{set.Width} samples");
        _set = set;
        _seed = seed;
        BatchSize = batchSize;
        CropHeight = cropHeight;
        CropWidth = cropWidth;
        Flip = flip;
    }

    /// <summary>Samples per batch.</summary>
    public int BatchSize { get; }

    /// <summary>Crop rows.</summary>
    public int CropHeight { get; }

    /// <summary>Crop columns.</summary>
    public int CropWidth { get; }

    /// <summary>Whether samples are flipped left-right at random.</summary>
    public bool Flip { get; }

    /// <summary>Full batches per epoch.</summary>
    public int BatchesPerEpoch => _set.Count / BatchSize;

    /// <summary>The batches of epoch <paramref name="epoch"/>, each prepared in the background while the previous one is used.</summary>
    public IEnumerable<SegmentationBatch> Epoch(int epoch)
    {
        var plan = Plan(epoch);
        var next = Task.Run(() => Assemble(plan[0]));
        for (var b = 0; b < plan.Length; b++)
        {
            var batch = next.GetAwaiter().GetResult();
            if (b + 1 < plan.Length)
            {
                var items = plan[b + 1];
                next = Task.Run(() => Assemble(items));
            }
            yield return batch;
        }
    }

    /// <summary>Epoch <paramref name="epoch"/>'s batches as (sample, crop top, crop left, flipped) draws.</summary>
    public (int Sample, int Top, int Left, bool Flipped)[][] Plan(int epoch)
    {
        var rng = new Rng(_seed * 1_000_003UL + (ulong)epoch);
        var order = Enumerable.Range(0, _set.Count).ToArray();
        rng.Shuffle(order.AsSpan());
        var plan = new (int, int, int, bool)[BatchesPerEpoch][];
        for (var b = 0; b < plan.Length; b++)
        {
            plan[b] = new (int, int, int, bool)[BatchSize];
            for (var i = 0; i < BatchSize; i++)
                plan[b][i] = (order[b * BatchSize + i], rng.NextInt(_set.Height - CropHeight + 1),
                    rng.NextInt(_set.Width - CropWidth + 1), Flip && rng.Bernoulli(0.5));
        }
        return plan;
    }

    private SegmentationBatch Assemble((int Sample, int Top, int Left, bool Flipped)[] items)
    {
        int h = CropHeight, w = CropWidth, hw = _set.Height * _set.Width;
        var images = Tensor.Zeros(items.Length, 3, h, w);
        var labels = new int[items.Length * h * w];
        for (var n = 0; n < items.Length; n++)
        {
            var (s, top, left, flipped) = items[n];
            var src = _set.Images[s];
            var label = _set.Labels[s].Data;
            for (var r = 0; r < h; r++)
            for (var q = 0; q < w; q++)
            {
                var col = left + (flipped ? w - 1 - q : q);
                var from = (top + r) * _set.Width + col;
                for (var c = 0; c < 3; c++) images.Data[((n * 3 + c) * h + r) * w + q] = src[c * hw + from];
                labels[(n * h + r) * w + q] = label[from];
            }
        }
        return new SegmentationBatch(images, labels);
    }
}
