namespace ResearchKit.Data;

/// <summary>A labelled data set in the SegNet layout (train/, trainannot/, val/, valannot/ ...) and what a trainer needs
/// to know of it: its classes, the label that marks void, and its split names.</summary>
public sealed record SegmentationDataset(string Name, string Root, IReadOnlyList<string> ClassNames, int IgnoreIndex,
    string TrainSplit = "train", string ValSplit = "val")
{
    /// <summary>Classes scored (void excluded).</summary>
    public int NumClasses => ClassNames.Count;

    /// <summary>CamVid (11 classes, void = 11) at <paramref name="root"/>.</summary>
    public static SegmentationDataset CamVid(string root) =>
        new("camvid", root, Data.CamVid.ClassNames, Data.CamVid.IgnoreIndex);

    /// <summary>The split <paramref name="name"/>, checked to exist.</summary>
    public CamVidSplit Split(string name) => Data.CamVid.Open(Root).Split(name);
}
