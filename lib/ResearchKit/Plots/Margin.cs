namespace ResearchKit.Plots;

/// <summary>Space in pixels between the figure's edge and its plotting area.</summary>
public readonly record struct Margin(int Left, int Right, int Top, int Bottom);
