using System.Text.Json.Nodes;

namespace ResearchKit.Plots;

/// <summary>A trace drawn on a pair of cartesian axes.</summary>
public abstract class CartesianTrace : Trace
{
    /// <summary>The x axis the trace is drawn against (default "x").</summary>
    public AxisRef XAxis { get; set; } = AxisRef.X();

    /// <summary>The y axis the trace is drawn against (default "y").</summary>
    public AxisRef YAxis { get; set; } = AxisRef.Y();

    /// <summary>Writes the axis references, then the trace's own properties.</summary>
    protected sealed override void WriteProperties(JsonObject trace)
    {
        if (XAxis.Letter != 'x' || XAxis.IsDomain) throw new ArgumentException($"A trace's x axis must be an x axis, got '{XAxis}'.");
        if (YAxis.Letter != 'y' || YAxis.IsDomain) throw new ArgumentException($"A trace's y axis must be a y axis, got '{YAxis}'.");
        trace["xaxis"] = XAxis.Id;
        trace["yaxis"] = YAxis.Id;
        WriteCartesian(trace);
    }

    /// <summary>Adds the trace-specific properties to <paramref name="trace"/>.</summary>
    protected abstract void WriteCartesian(JsonObject trace);

    /// <summary>Checks that an optional per-point array matches the number of points.</summary>
    protected static void CheckLength(string what, int expected, int? actual)
    {
        if (actual is { } n && n != expected)
            throw new ArgumentException($"{what} has {n} values for {expected} points.");
    }
}
