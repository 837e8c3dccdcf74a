using ResearchKit.Labels;

namespace ResearchKit.Data;

/// <summary>A dataset split held in memory at 1/<see cref="Factor"/> of its native resolution: normalised images
/// [3,h,w] and label maps [h,w] (void kept as the ignore index).</summary>
public sealed class SegmentationSet
{
    private SegmentationSet(string name, int factor, float[][] images, LabelMap[] labels, int numClasses, int ignoreIndex,
        SoftLabelMap[]? softTargets = null)
    {
        SoftTargets = softTargets;
        Name = name;
        Factor = factor;
        Images = images;
        Labels = labels;
        NumClasses = numClasses;
        IgnoreIndex = ignoreIndex;
    }

    /// <summary>The split's name (e.g. "train").</summary>
    public string Name { get; }

    /// <summary>The integer down-sampling factor from the native resolution (1 = native).</summary>
    public int Factor { get; }

    /// <summary>Normalised images [3,h,w], one per sample (<see cref="ImageNorm"/>).</summary>
    public float[][] Images { get; }

    /// <summary>Label maps [h,w] at the same resolution.</summary>
    public LabelMap[] Labels { get; }

    /// <summary>Soft targets [C,h,w] per sample when the set was loaded with a soft rule (<see cref="SoftLabels"/>,
    /// KeepMass), else null; <see cref="Labels"/> then holds their <see cref="LabelDownsampling.Majority"/> labels.</summary>
    public SoftLabelMap[]? SoftTargets { get; }

    /// <summary>Number of classes (ids 0..C−1).</summary>
    public int NumClasses { get; }

    /// <summary>The void id.</summary>
    public int IgnoreIndex { get; }

    /// <summary>Samples.</summary>
    public int Count => Labels.Length;

    /// <summary>Rows of every sample.</summary>
    public int Height => Labels[0].Height;

    /// <summary>Columns of every sample.</summary>
    public int Width => Labels[0].Width;

    /// <summary>Loads the first <paramref name="limit"/> samples (all when null) of a CamVid split at 1/<paramref name="factor"/>
    /// resolution: images by <paramref name="imageResize"/>, labels by <paramref name="labelRule"/> (a soft rule gives
    /// <see cref="SoftTargets"/> from the full-resolution labels).</summary>
    /// <param name="blockSize">When set, each full-resolution label is first replaced by its block label (spectral spec
    /// 2.8: the majority class of each b×b tile, ties to the lowest id, all-void tiles void) replicated back to full
    /// resolution — weak annotation for training; b must divide 360 and 480.</param>
    public static SegmentationSet Load(CamVidSplit split, int factor, ImageResize imageResize, LabelDownsampling labelRule, int? limit = null,
        int? blockSize = null)
    {
        if (blockSize is < 1) throw new ArgumentException($"{split.Name}: block size must be at least 1, got {blockSize}");
        if (factor < 1) throw new ArgumentException($"{split.Name}: the resolution factor must be at least 1, got {factor}");
        var count = Math.Min(limit ?? split.Count, split.Count);
        if (count < 1) throw new ArgumentException($"{split.Name}: no samples to load (limit {limit})");
        var samples = ParallelLoad.All(count, i =>
        {
            var (image, label) = split.Load(i);
            if (blockSize is > 1 and var b)
            {
                if (label.Height % b != 0 || label.Width % b != 0)
                    throw new InvalidDataException($"{split.LabelPath(i)}: {label.Height}x{label.Width} does not divide into {b}x{b} blocks");
                label = LabelDownsampler.Replicate(LabelDownsampler.Downsample(label, b, LabelDownsampling.Majority, CamVid.NumClasses, CamVid.IgnoreIndex), b);
            }
            if (image.Height % factor != 0 || image.Width % factor != 0)
                throw new InvalidDataException($"{split.ImagePath(i)}: {image.Height}x{image.Width} does not divide by the factor {factor}");
            var planes = ImageNorm.Planes(factor == 1 ? image : Reduce(image, factor, imageResize));
            if (labelRule.IsSoft())
                return (planes, LabelDownsampler.Downsample(label, factor, LabelDownsampling.Majority, CamVid.NumClasses, CamVid.IgnoreIndex),
                    SoftLabels.Downsample(label, factor, labelRule, CamVid.NumClasses, CamVid.IgnoreIndex));
            return (planes, factor == 1 ? label : LabelDownsampler.Downsample(label, factor, labelRule, CamVid.NumClasses, CamVid.IgnoreIndex),
                (SoftLabelMap?)null);
        });
        var images = samples.Select(t => t.Item1).ToArray();
        var labels = samples.Select(t => t.Item2).ToArray();
        var soft = labelRule.IsSoft() ? samples.Select(t => t.Item3!).ToArray() : null;
        return new SegmentationSet(split.Name, factor, images, labels, CamVid.NumClasses, CamVid.IgnoreIndex, soft);
    }

    /// <summary>The image reduced by an integer factor (rounded to the nearest 8-bit value).</summary>
    public static RgbImage Reduce(RgbImage image, int factor, ImageResize method)
    {
        int h = image.Height / factor, w = image.Width / factor;
        var data = new byte[h * w * 3];
        for (var a = 0; a < h; a++)
        for (var b = 0; b < w; b++)
        for (var c = 0; c < 3; c++)
            data[(a * w + b) * 3 + c] = (byte)Math.Clamp(MathF.Round(method == ImageResize.Area
                ? BoxMean(image, a, b, c, factor)
                : Bilinear(image, (a + 0.5f) * factor - 0.5f, (b + 0.5f) * factor - 0.5f, c)), 0, 255);
        return new RgbImage(h, w, data);
    }

    private static float BoxMean(RgbImage image, int a, int b, int c, int factor)
    {
        var sum = 0;
        for (var m = a * factor; m < (a + 1) * factor; m++)
        for (var n = b * factor; n < (b + 1) * factor; n++) sum += image.Data[(m * image.Width + n) * 3 + c];
        return sum / (float)(factor * factor);
    }

    private static float Bilinear(RgbImage image, float y, float x, int c)
    {
        int y0 = (int)MathF.Floor(y), x0 = (int)MathF.Floor(x);
        float fy = y - y0, fx = x - x0;
        float At(int m, int n) => image.Data[(Math.Clamp(m, 0, image.Height - 1) * image.Width + Math.Clamp(n, 0, image.Width - 1)) * 3 + c];
        return (1 - fy) * ((1 - fx) * At(y0, x0) + fx * At(y0, x0 + 1)) + fy * ((1 - fx) * At(y0 + 1, x0) + fx * At(y0 + 1, x0 + 1));
    }
}
