using System.Text.Json.Nodes;
using static ResearchKit.Plots.PlotlyJson;

namespace ResearchKit.Plots;

/// <summary>Vertical bars, one per category (e.g. per-class IoU).</summary>
public sealed class Bar : CartesianTrace
{
    /// <summary>Creates bars of height values[i] over categories[i]; arrays are kept, not copied.</summary>
    public Bar(string[] categories, double[] values)
    {
        if (categories.Length != values.Length)
            throw new ArgumentException($"Bar needs one value per category, got {categories.Length} categories and {values.Length} values.");
        Categories = categories;
        Values = values;
    }

    /// <summary>Category labels along x.</summary>
    public string[] Categories { get; }

    /// <summary>Bar heights; non-finite values draw no bar.</summary>
    public double[] Values { get; }

    /// <inheritdoc />
    public override string Type => "bar";

    /// <summary>Symmetric error bar half-lengths, one per bar.</summary>
    public double[]? ErrorY { get; set; }

    /// <summary>Bar colour as a CSS colour.</summary>
    public string? Color { get; set; }

    /// <summary>Text drawn on each bar (e.g. the formatted value), one per bar.</summary>
    public string[]? Labels { get; set; }

    /// <inheritdoc />
    protected override void WriteCartesian(JsonObject trace)
    {
        CheckLength("ErrorY", Values.Length, ErrorY?.Length);
        CheckLength("Labels", Values.Length, Labels?.Length);
        trace["x"] = Strings(Categories);
        trace["y"] = Numbers(Values);
        if (Color is not null) trace["marker"] = new JsonObject { ["color"] = Color };
        if (Labels is not null)
        {
            trace["text"] = Strings(Labels);
            trace["textposition"] = "auto";
        }
        if (ErrorY is not null)
            trace["error_y"] = new JsonObject { ["type"] = "data", ["array"] = Numbers(ErrorY), ["visible"] = true };
    }
}
