using static TorchSharp.torch;

namespace ResearchKit.Data;

/// <summary>Seeded training batches from a <see cref="SegmentationSet"/>: a shuffled order per epoch, optionally a random
/// rescale (mmsegmentation's RandomResize ratio range), a random crop of <see cref="CropHeight"/>×<see cref="CropWidth"/>
/// and a horizontal flip with probability ½ per sample, the last incomplete batch dropped (as mmsegmentation's training
/// sampler). A background task prepares the next batch while the current one trains.</summary>
/// <remarks>A sample rescaled by σ is H·σ×W·σ (rounded): images are resampled bilinearly and labels by nearest
/// neighbour (align_corners=false). A crop larger than the (rescaled) sample starts at 0 on that axis and is padded at
/// the bottom and right with zero (the normalised mean colour), the ignore label and, for soft targets, the zero vector
/// (void; soft-labelling spec 2.3) — so a crop of the next multiple of the network's stride trains on whole images.</remarks>
/// <remarks>Every random draw comes from one <see cref="Rng"/> seeded by (seed, epoch), in sample order, so epoch e's
/// batches are the same whatever happened before it: a resumed run sees exactly the batches of an uninterrupted one.</remarks>
public sealed class SegmentationLoader
{
    private readonly SegmentationSet _set;
    private readonly ulong _seed;

    /// <summary>Batches of <paramref name="batchSize"/> crops of <paramref name="cropHeight"/>×<paramref name="cropWidth"/> from <paramref name="set"/>.</summary>
    public SegmentationLoader(SegmentationSet set, int batchSize, int cropHeight, int cropWidth, ulong seed, bool flip = true,
        (double Min, double Max)? scale = null)
    {
        if (scale is { } range && !(range.Min > 0 && range.Min <= range.Max))
            throw new ArgumentException($"{set.Name}: scale range {range.Min}..{range.Max} must satisfy 0 < min <= max");
        if (batchSize < 1 || batchSize > set.Count)
            throw new ArgumentException($"{set.Name}: batch size {batchSize} must be between 1 and the {set.Count} samples");
        if (cropHeight < 1 || cropWidth < 1)
            throw new ArgumentException($"{set.Name}: crop {cropHeight}x{cropWidth} must be at least 1x1");
        if (scale is not null && set.SoftTargets is not null)
            throw new ArgumentException($"{set.Name}: random rescaling is not defined for soft targets; train them without a scale range");
        _set = set;
        _seed = seed;
        BatchSize = batchSize;
        CropHeight = cropHeight;
        CropWidth = cropWidth;
        Flip = flip;
        Scale = scale;
    }

    /// <summary>The range a sample's rescale factor is drawn from, uniformly; null = no rescaling.</summary>
    public (double Min, double Max)? Scale { get; }

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
            yield return batch.ToTensors(); // made on the consumer's thread, so its dispose scope can own them
        }
    }

    /// <summary>Epoch <paramref name="epoch"/>'s batches as (sample, crop top, crop left, flipped, scale) draws.</summary>
    /// <remarks>Without a scale range no scale is drawn, so the random stream (and every earlier run's batches) is
    /// unchanged.</remarks>
    public CropDraw[][] Plan(int epoch)
    {
        var rng = new Rng(_seed * 1_000_003UL + (ulong)epoch);
        var order = Enumerable.Range(0, _set.Count).ToArray();
        rng.Shuffle(order.AsSpan());
        var plan = new CropDraw[BatchesPerEpoch][];
        for (var b = 0; b < plan.Length; b++)
        {
            plan[b] = new CropDraw[BatchSize];
            for (var i = 0; i < BatchSize; i++)
            {
                var sigma = Scale is { } range ? range.Min + (range.Max - range.Min) * rng.NextDouble() : 1.0;
                var (sh, sw) = ScaledSize(sigma);
                plan[b][i] = new CropDraw(order[b * BatchSize + i], rng.NextInt(Math.Max(sh - CropHeight, 0) + 1),
                    rng.NextInt(Math.Max(sw - CropWidth, 0) + 1), Flip && rng.Bernoulli(0.5), sigma);
            }
        }
        return plan;
    }

    private (int Height, int Width) ScaledSize(double sigma) => sigma == 1.0 ? (_set.Height, _set.Width)
        : (Math.Max(1, (int)Math.Round(_set.Height * sigma)), Math.Max(1, (int)Math.Round(_set.Width * sigma)));

    /// <summary>The batch of <paramref name="items"/> as managed arrays (images [N,3,h,w], labels [N,h,w], targets [N,C,h,w]).</summary>
    public HostBatch Assemble(CropDraw[] items)
    {
        int h = CropHeight, w = CropWidth;
        var images = new float[items.Length * 3 * h * w];
        var labels = new long[items.Length * h * w];
        var targets = _set.SoftTargets is null ? null : new float[items.Length * _set.NumClasses * h * w];
        for (var n = 0; n < items.Length; n++)
        {
            if (items[n].Scale != 1.0)
                AssembleScaled(items[n], images, labels, n);
            else
                AssembleCrop(items[n], images, labels, targets, n);
        }
        return new HostBatch(items.Length, _set.NumClasses, h, w, images, labels, targets);
    }

    // One crop at scale 1: rows and columns beyond the sample stay zero (image, soft target) or void (label).
    private void AssembleCrop(CropDraw d, float[] images, long[] labels, float[]? targets, int n)
    {
        int h = CropHeight, w = CropWidth, H = _set.Height, W = _set.Width, hw = H * W, C = _set.NumClasses;
        var (s, top, left, flipped) = d;
        var src = _set.Images[s];
        var label = _set.Labels[s].Data;
        var soft = _set.SoftTargets?[s].Data;
        // A flip mirrors the crop window; within a padded crop it mirrors the sample's own columns.
        var span = Math.Min(w, W - left);
        for (var r = 0; r < h; r++)
        for (var q = 0; q < w; q++)
        {
            var at = (n * h + r) * w + q;
            if (top + r >= H || q >= span)
            {
                labels[at] = _set.IgnoreIndex;
                continue;
            }
            var from = (top + r) * W + left + (flipped ? span - 1 - q : q);
            for (var c = 0; c < 3; c++) images[((n * 3 + c) * h + r) * w + q] = src[c * hw + from];
            labels[at] = label[from];
            if (soft is null) continue;
            for (var c = 0; c < C; c++) targets![((n * C + c) * h + r) * w + q] = soft[c * hw + from];
        }
    }

    // One rescaled sample: each crop pixel maps back to the source (bilinear image, nearest label); outside it, padding.
    private void AssembleScaled(CropDraw d, float[] images, long[] labels, int n)
    {
        int h = CropHeight, w = CropWidth, H = _set.Height, W = _set.Width, hw = H * W;
        var (sh, sw) = ScaledSize(d.Scale);
        double fy = (double)H / sh, fx = (double)W / sw;
        var src = _set.Images[d.Sample];
        var label = _set.Labels[d.Sample].Data;
        for (var r = 0; r < h; r++)
        {
            var y = d.Top + r;
            for (var q = 0; q < w; q++)
            {
                var x = d.Left + (d.Flipped ? w - 1 - q : q);
                var at = (n * h + r) * w + q;
                if (y >= sh || x >= sw)
                {
                    labels[at] = _set.IgnoreIndex; // the image stays zero
                    continue;
                }
                labels[at] = label[Math.Min((int)((y + 0.5) * fy), H - 1) * W + Math.Min((int)((x + 0.5) * fx), W - 1)];
                double sy = Math.Clamp((y + 0.5) * fy - 0.5, 0, H - 1), sx = Math.Clamp((x + 0.5) * fx - 0.5, 0, W - 1);
                int y0 = (int)sy, x0 = (int)sx, y1 = Math.Min(y0 + 1, H - 1), x1 = Math.Min(x0 + 1, W - 1);
                double wy = sy - y0, wx = sx - x0;
                for (var c = 0; c < 3; c++)
                {
                    var plane = c * hw;
                    images[((n * 3 + c) * h + r) * w + q] = (float)(
                        (1 - wy) * ((1 - wx) * src[plane + y0 * W + x0] + wx * src[plane + y0 * W + x1]) +
                        wy * ((1 - wx) * src[plane + y1 * W + x0] + wx * src[plane + y1 * W + x1]));
                }
            }
        }
    }
}

/// <summary>One sample's draw: which sample, where the crop starts in the (rescaled) sample, whether it is flipped and
/// its rescale factor (1 = none).</summary>
public readonly record struct CropDraw(int Sample, int Top, int Left, bool Flipped, double Scale = 1.0)
{
    /// <summary>The draw without its scale.</summary>
    public void Deconstruct(out int sample, out int top, out int left, out bool flipped) =>
        (sample, top, left, flipped) = (Sample, Top, Left, Flipped);
}
