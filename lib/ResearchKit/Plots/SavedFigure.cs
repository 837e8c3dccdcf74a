namespace ResearchKit.Plots;

/// <summary>The files one <see cref="FigureFiles.Save(Figure, string)"/> call wrote.</summary>
/// <param name="JsonPath">The Plotly figure JSON.</param>
/// <param name="HtmlPath">The standalone page (loads plotly.min.js from the same folder).</param>
/// <param name="PngPath">The picture, or null when no renderer was available.</param>
public sealed record SavedFigure(string JsonPath, string HtmlPath, string? PngPath);
