namespace ResearchKit.Training;

/// <summary>The networks <see cref="Trainer"/> can build (CLI names are the lower-case names).</summary>
public enum ModelKind
{
    /// <summary>TinyUNet (<see cref="Models.UNet"/>) with the config's widths and bottleneck.</summary>
    UNet,
}
