namespace ResearchKit.Data;

/// <summary>One Pascal VOC segmentation split: image ids in list order and their label files.</summary>
public sealed class PascalVocSplit
{
    private readonly string _labelFolder;
    private readonly string[] _ids;

    internal PascalVocSplit(string name, string labelFolder, string[] ids)
    {
        Name = name;
        _labelFolder = labelFolder;
        _ids = ids;
    }

    /// <summary>The split name, e.g. "val".</summary>
    public string Name { get; }

    /// <summary>Number of labelled images.</summary>
    public int Count => _ids.Length;

    /// <summary>Image ids such as "2007_000032", in the order of the split list.</summary>
    public IReadOnlyList<string> Names => _ids;

    /// <summary>Path of the label file of image <paramref name="i"/>.</summary>
    public string LabelPath(int i) => Path.Combine(_labelFolder, _ids[i] + ".png");

    /// <summary>Labels of image <paramref name="i"/> (0..20, 255 = void).</summary>
    public LabelMap LoadLabel(int i) => PascalVoc.ReadLabel(LabelPath(i));

    /// <summary>Every label of the split, decoded on all cores, in list order.</summary>
    public LabelMap[] LoadAllLabels() => ParallelLoad.All(Count, LoadLabel);
}
