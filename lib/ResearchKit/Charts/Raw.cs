namespace ResearchKit.Charts;

/// <summary>
/// Raw plotly.js properties for the knobs Plotly.NET's C# binding leaves out (shapes, annotations, axis details):
/// its F# initialisers take every optional argument positionally from C#, so the kit sets plotly.js keys directly.
/// Values must be plotly.js values (strings like "log", numbers, arrays, or nested <see cref="DynamicObj"/>).
/// </summary>
public static class Raw
{
    /// <summary>A plotly.js object with the given keys.</summary>
    public static DynamicObj.DynamicObj Object(params (string Key, object? Value)[] properties)
    {
        var o = new DynamicObj.DynamicObj();
        foreach (var (key, value) in properties)
            if (value is not null) o.SetProperty(key, value);
        return o;
    }

    /// <summary>Sets <paramref name="properties"/> on <paramref name="target"/> (skipping nulls) and returns it.</summary>
    public static T Set<T>(T target, params (string Key, object? Value)[] properties) where T : DynamicObj.DynamicObj
    {
        foreach (var (key, value) in properties)
            if (value is not null) target.SetProperty(key, value);
        return target;
    }
}
