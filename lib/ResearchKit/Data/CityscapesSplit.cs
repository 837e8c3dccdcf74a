namespace ResearchKit.Data;

/// <summary>One Cityscapes split: frames named &lt;city&gt;_&lt;seq&gt;_&lt;frame&gt;, sorted by that name.</summary>
public sealed class CityscapesSplit
{
    internal const string LabelIdsSuffix = "_gtFine_labelIds.png";
    private const string TrainIdsSuffix = "_gtFine_labelTrainIds.png";
    private const string ImageSuffix = "_leftImg8bit.png";

    private readonly string _root;
    private readonly (string Stem, string City)[] _frames;
    private readonly string[] _names;

    internal CityscapesSplit(string root, string name, (string Stem, string City)[] frames)
    {
        _root = root;
        Name = name;
        _frames = frames;
        _names = frames.Select(f => f.Stem).ToArray();
    }

    /// <summary>The split name, e.g. "val".</summary>
    public string Name { get; }

    /// <summary>Number of frames.</summary>
    public int Count => _frames.Length;

    /// <summary>Frame names such as "frankfurt_000000_000294", in ordinal order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Path of frame <paramref name="i"/>'s *_gtFine_labelIds.png.</summary>
    public string LabelIdsPath(int i) => FramePath(i, "gtFine", LabelIdsSuffix);

    /// <summary>Path of frame <paramref name="i"/>'s *_gtFine_labelTrainIds.png (written by cityscapesScripts' createTrainIdLabelImgs).</summary>
    public string TrainIdsPath(int i) => FramePath(i, "gtFine", TrainIdsSuffix);

    /// <summary>Path of frame <paramref name="i"/>'s leftImg8bit image.</summary>
    public string ImagePath(int i) => FramePath(i, "leftImg8bit", ImageSuffix);

    /// <summary>Frame <paramref name="i"/>'s labels as train ids, mapped from its *_gtFine_labelIds.png.</summary>
    public LabelMap LoadLabel(int i) => Cityscapes.ReadLabelIds(LabelIdsPath(i));

    /// <summary>Frame <paramref name="i"/>'s *_gtFine_labelTrainIds.png as stored (0..18, 255).</summary>
    public LabelMap LoadTrainIdLabel(int i) => Cityscapes.ReadTrainIds(TrainIdsPath(i));

    /// <summary>Frame <paramref name="i"/>'s image as 8-bit RGB.</summary>
    public RgbImage LoadImage(int i) => Png.Read(ImagePath(i)).ToRgbImage();

    /// <summary>Image and train-id labels of frame <paramref name="i"/>, checked to be the same size.</summary>
    public (RgbImage Image, LabelMap Label) Load(int i)
    {
        var image = LoadImage(i);
        var label = LoadLabel(i);
        LabelChecks.SameSize(image, ImagePath(i), label, LabelIdsPath(i));
        return (image, label);
    }

    private string FramePath(int i, string kind, string suffix) =>
        Path.Combine(_root, kind, Name, _frames[i].City, _frames[i].Stem + suffix);
}
