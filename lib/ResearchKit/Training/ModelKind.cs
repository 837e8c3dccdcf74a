namespace ResearchKit.Training;

/// <summary>The networks <see cref="Trainer"/> can build (CLI names are the lower-case names).</summary>
public enum ModelKind
{
    /// <summary>TinyUNet (<see cref="Models.UNet"/>) with the config's widths and bottleneck.</summary>
    UNet,

    /// <summary>Small DeepLabV3+ (<see cref="Models.DeepLabV3Plus"/>): widths are the stem and 4 stages, the bottleneck is
    /// the ASPP width.</summary>
    DeepLabV3Plus,

    /// <summary>ResearchKit's reading of DAN (<see cref="Models.Dan"/>): widths are the stem and 4 stages, the bottleneck is
    /// the fusion width.</summary>
    Dan,

    /// <summary>The self-regulation spec's backbone (<see cref="Models.SrNet"/>): widths are blocks 1..4, the bottleneck is
    /// the exit heads' hidden width.</summary>
    SrNet,
}
