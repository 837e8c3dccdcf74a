namespace ResearchKit.Data;

/// <summary>Pascal VOC 2012 segmentation labels: SegmentationClass/*.png palette PNGs (0..20, 255 = void/border) listed by ImageSets/Segmentation/&lt;split&gt;.txt.</summary>
/// <remarks>Only labels are read: VOC images are JPEGs and the kit has no JPEG decoder.</remarks>
public sealed class PascalVoc
{
    /// <summary>Number of classes, background (0) included.</summary>
    public const int NumClasses = 21;

    /// <summary>The void/border value in VOC label files.</summary>
    public const int IgnoreIndex = 255;

    private PascalVoc(string root) => Root = root;

    /// <summary>Names of classes 0..20.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
    [
        "background", "aeroplane", "bicycle", "bird", "boat", "bottle", "bus", "car", "cat", "chair", "cow",
        "diningtable", "dog", "horse", "motorbike", "person", "pottedplant", "sheep", "sofa", "train", "tvmonitor",
    ];

    /// <summary>The folder holding SegmentationClass/ and ImageSets/ (e.g. VOCdevkit/VOC2012).</summary>
    public string Root { get; }

    /// <summary>The standard VOC colormap, 256 R,G,B triples (768 bytes): bits 0,1,2 of the index feed R,G,B from the top bit down.</summary>
    public static byte[] Colormap()
    {
        var map = new byte[768];
        for (int i = 0; i < 256; i++)
        {
            int c = i;
            for (int j = 7; j >= 0; j--, c >>= 3)
            {
                map[i * 3] |= (byte)((c & 1) << j);
                map[i * 3 + 1] |= (byte)((c >> 1 & 1) << j);
                map[i * 3 + 2] |= (byte)((c >> 2 & 1) << j);
            }
        }
        return map;
    }

    /// <summary>One VOC label PNG as class ids (palette indices, or gray values); values must be 0..20 or 255.</summary>
    public static LabelMap ReadLabel(string path) => LabelFiles.Read(path, NumClasses, IgnoreIndex);

    /// <summary>VOC at <paramref name="root"/>; throws if it has no SegmentationClass folder.</summary>
    public static PascalVoc Open(string root)
    {
        string seg = Path.Combine(root, "SegmentationClass");
        if (!Directory.Exists(seg))
            throw new DirectoryNotFoundException($"{seg}: Pascal VOC SegmentationClass folder not found");
        return new PascalVoc(root);
    }

    /// <summary>The split listed in ImageSets/Segmentation/<paramref name="name"/>.txt (one image id a line).</summary>
    public PascalVocSplit Split(string name)
    {
        string list = Path.Combine(Root, "ImageSets", "Segmentation", name + ".txt");
        if (!File.Exists(list))
            throw new FileNotFoundException($"{list}: split list not found");
        string[] ids = File.ReadAllLines(list).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();
        if (ids.Length == 0)
            throw new InvalidDataException($"{list}: split list is empty");
        return new PascalVocSplit(name, Path.Combine(Root, "SegmentationClass"), ids);
    }
}
