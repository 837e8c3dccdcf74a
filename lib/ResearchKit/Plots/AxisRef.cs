namespace ResearchKit.Plots;

/// <summary>
/// A reference to a cartesian axis ("x", "x2", "y3"), to the whole plotting area ("paper"), or to an axis' domain
/// ("y domain": 0 and 1 are the bottom and top of that subplot).
/// </summary>
public readonly record struct AxisRef
{
    private AxisRef(char letter, int index, bool domain)
    {
        Letter = letter;
        Index = index;
        IsDomain = domain;
    }

    /// <summary>'x' or 'y' for an axis, 'p' for the paper.</summary>
    public char Letter { get; }

    /// <summary>1 for "x"/"y", 2 for "x2"/"y2", ...; 0 for the paper.</summary>
    public int Index { get; }

    /// <summary>True when coordinates are fractions of the axis' domain rather than data values.</summary>
    public bool IsDomain { get; }

    /// <summary>Whole-figure coordinates: (0,0) bottom left and (1,1) top right of the plotting area.</summary>
    public static AxisRef Paper { get; } = new('p', 0, false);

    /// <summary>The x axis with the given index (1 = the first, "x").</summary>
    public static AxisRef X(int index = 1) => Create('x', index);

    /// <summary>The y axis with the given index (1 = the first, "y").</summary>
    public static AxisRef Y(int index = 1) => Create('y', index);

    /// <summary>The same axis in domain coordinates (0..1 across its subplot), e.g. "y2 domain".</summary>
    public AxisRef Domain => IsPaper
        ? throw new InvalidOperationException("The paper has no domain reference; use AxisRef.Paper itself.")
        : new AxisRef(Letter, Index, true);

    /// <summary>True for <see cref="Paper"/>.</summary>
    public bool IsPaper => Letter == 'p';

    /// <summary>The id traces and shapes use: "x", "y2", "x domain" or "paper".</summary>
    public string Id => IsPaper ? "paper" : (Index == 1 ? $"{Letter}" : $"{Letter}{Index}") + (IsDomain ? " domain" : "");

    /// <summary>The key of this axis in the layout: "xaxis", "yaxis2".</summary>
    public string LayoutKey => IsPaper || IsDomain
        ? throw new InvalidOperationException($"'{Id}' is not an axis of the layout.")
        : Index == 1 ? $"{Letter}axis" : $"{Letter}axis{Index}";

    /// <summary>The plain axis id (without " domain").</summary>
    internal AxisRef Axis => new(Letter, Index, false);

    /// <inheritdoc />
    public override string ToString() => Id;

    private static AxisRef Create(char letter, int index) => index >= 1
        ? new AxisRef(letter, index, false)
        : throw new ArgumentException($"Axis index must be 1 or more, got {index}.");
}
