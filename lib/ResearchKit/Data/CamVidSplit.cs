namespace ResearchKit.Data;

/// <summary>One CamVid split: images and their labels, paired by file name and sorted by it.</summary>
public sealed class CamVidSplit
{
    private readonly string _imageFolder, _labelFolder;
    private readonly string[] _names;

    internal CamVidSplit(string name, string imageFolder, string labelFolder, string[] names)
    {
        Name = name;
        _imageFolder = imageFolder;
        _labelFolder = labelFolder;
        _names = names;
    }

    /// <summary>The split name, e.g. "train".</summary>
    public string Name { get; }

    /// <summary>Number of image/label pairs.</summary>
    public int Count => _names.Length;

    /// <summary>File names (e.g. "0001TP_006690.png") in ordinal order; index i everywhere refers to this order.</summary>
    public IReadOnlyList<string> Names => _names;

    /// <summary>Path of image <paramref name="i"/>.</summary>
    public string ImagePath(int i) => Path.Combine(_imageFolder, _names[i]);

    /// <summary>Path of label <paramref name="i"/>.</summary>
    public string LabelPath(int i) => Path.Combine(_labelFolder, _names[i]);

    /// <summary>Image <paramref name="i"/> as 8-bit RGB.</summary>
    public RgbImage LoadImage(int i) => Png.Read(ImagePath(i)).ToRgbImage();

    /// <summary>Label <paramref name="i"/>; every value must be a class id 0..10 or the ignore index 11.</summary>
    public LabelMap LoadLabel(int i) => LabelFiles.Read(LabelPath(i), CamVid.NumClasses, CamVid.IgnoreIndex);

    /// <summary>Image and label <paramref name="i"/>, checked to be the same size.</summary>
    public (RgbImage Image, LabelMap Label) Load(int i)
    {
        var image = LoadImage(i);
        var label = LoadLabel(i);
        LabelChecks.SameSize(image, ImagePath(i), label, LabelPath(i));
        return (image, label);
    }

    /// <summary>Every label of the split, decoded on all cores, in <see cref="Names"/> order.</summary>
    public LabelMap[] LoadAllLabels() => ParallelLoad.All(Count, LoadLabel);

    /// <summary>Every image of the split, decoded on all cores, in <see cref="Names"/> order.</summary>
    public RgbImage[] LoadAllImages() => ParallelLoad.All(Count, LoadImage);
}
