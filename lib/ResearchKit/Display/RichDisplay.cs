using System.Text.Json.Nodes;
using Plotly.NET;
using ResearchKit.Charts;
using ResearchKit.Tables;

namespace ResearchKit.Display;

/// <summary>
/// The kit's notebook formatters for types it does not own: Plotly.NET charts (<see cref="ChartDisplay"/>) and Deedle
/// frames (<see cref="TableDisplay"/>). The kit's notebook runner and kernel look this class up by name once the
/// library is loaded, so they need no reference to Plotly.NET or Deedle.
/// </summary>
public static class RichDisplay
{
    /// <summary>The display bundle of <paramref name="value"/>, or null when the kit has no formatter for its type.</summary>
    public static JsonObject? ToDisplayData(object value) => value switch
    {
        GenericChart chart => ChartDisplay.ToDisplayData(chart),
        _ => TableDisplay.TryToDisplayData(value),
    };
}
