namespace ResearchKit.Data;

/// <summary>Cityscapes fine annotations: gtFine/&lt;split&gt;/&lt;city&gt;/*_gtFine_labelIds.png mapped to the 19 train ids, images in leftImg8bit/.</summary>
/// <remarks>The label-id to train-id table, names and colours are those of cityscapesScripts' labels.py;
/// every id without a train id (unlabeled, ego vehicle, ..., trailer) becomes the ignore index 255.</remarks>
public sealed class Cityscapes
{
    /// <summary>Number of train classes (train ids 0..18).</summary>
    public const int NumClasses = 19;

    /// <summary>Train id of every pixel that is not one of the 19 classes.</summary>
    public const int IgnoreIndex = 255;

    /// <summary>Largest label id in *_gtFine_labelIds.png files (33 = bicycle).</summary>
    public const int MaxLabelId = 33;

    private static readonly byte[] TrainIds =
    [
        255, 255, 255, 255, 255, 255, 255, 0, 1, 255, 255, 2, 3, 4, 255, 255, 255,
        5, 255, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 255, 255, 16, 17, 18,
    ];

    private Cityscapes(string root) => Root = root;

    /// <summary>Names of train ids 0..18.</summary>
    public static IReadOnlyList<string> ClassNames { get; } =
    [
        "road", "sidewalk", "building", "wall", "fence", "pole", "traffic light", "traffic sign", "vegetation",
        "terrain", "sky", "person", "rider", "car", "truck", "bus", "train", "motorcycle", "bicycle",
    ];

    /// <summary>Display colours as R,G,B triples for train ids 0..18 (57 bytes).</summary>
    public static ReadOnlySpan<byte> Palette =>
    [
        128, 64, 128, 244, 35, 232, 70, 70, 70, 102, 102, 156, 190, 153, 153, 153, 153, 153, 250, 170, 30,
        220, 220, 0, 107, 142, 35, 152, 251, 152, 70, 130, 180, 220, 20, 60, 255, 0, 0, 0, 0, 142, 0, 0, 70,
        0, 60, 100, 0, 80, 100, 0, 0, 230, 119, 11, 32,
    ];

    /// <summary>The folder holding gtFine/ and leftImg8bit/.</summary>
    public string Root { get; }

    /// <summary>The train id (0..18, or 255 = ignore) of Cityscapes label id <paramref name="labelId"/> (0..33).</summary>
    public static byte TrainIdOf(int labelId) => labelId is >= 0 and <= MaxLabelId
        ? TrainIds[labelId]
        : throw new ArgumentOutOfRangeException(nameof(labelId), labelId, "Cityscapes label ids are 0..33.");

    /// <summary>A *_gtFine_labelIds.png file mapped to train ids (0..18, 255 = ignore).</summary>
    public static LabelMap ReadLabelIds(string path)
    {
        var ids = LabelFiles.Read(path, MaxLabelId + 1, null);
        var data = ids.Data;
        for (int i = 0; i < data.Length; i++) data[i] = TrainIds[data[i]];
        return ids;
    }

    /// <summary>A *_gtFine_labelTrainIds.png file taken as is; values must be 0..18 or 255.</summary>
    public static LabelMap ReadTrainIds(string path) => LabelFiles.Read(path, NumClasses, IgnoreIndex);

    /// <summary>Cityscapes at <paramref name="root"/>; throws if it has no gtFine folder.</summary>
    public static Cityscapes Open(string root)
    {
        string gt = Path.Combine(root, "gtFine");
        if (!Directory.Exists(gt))
            throw new DirectoryNotFoundException($"{gt}: Cityscapes gtFine folder not found");
        return new Cityscapes(root);
    }

    /// <summary>The split <paramref name="name"/> ("train", "val", "test"): every gtFine/name/&lt;city&gt;/*_gtFine_labelIds.png, sorted by frame name.</summary>
    public CityscapesSplit Split(string name)
    {
        string labels = Path.Combine(Root, "gtFine", name);
        if (!Directory.Exists(labels))
            throw new DirectoryNotFoundException($"{labels}: split folder not found");
        var frames = Directory.GetFiles(labels, "*" + CityscapesSplit.LabelIdsSuffix, SearchOption.AllDirectories)
            .Select(p => (Stem: Path.GetFileName(p)[..^CityscapesSplit.LabelIdsSuffix.Length], City: Path.GetFileName(Path.GetDirectoryName(p)!)))
            .OrderBy(f => f.Stem, StringComparer.Ordinal)
            .ToArray();
        if (frames.Length == 0)
            throw new InvalidDataException($"{labels}: no *{CityscapesSplit.LabelIdsSuffix} files in the city folders");
        return new CityscapesSplit(Root, name, frames);
    }
}
