using System.Diagnostics;

namespace ResearchKit.Repro;

/// <summary>Prints one line per finished step of an experiment ("[Name] step: 1.2 s"), so long runs show progress.</summary>
public sealed class StepLog(string experiment, TextWriter? writer = null)
{
    private readonly TextWriter _writer = writer ?? Console.Out;

    /// <summary>Runs <paramref name="step"/>, then prints its name and wall time; returns its value.</summary>
    public T Time<T>(string name, Func<T> step)
    {
        var sw = Stopwatch.StartNew();
        var value = step();
        _writer.WriteLine($"[{experiment}] {name}: {sw.Elapsed.TotalSeconds:F1} s");
        _writer.Flush();
        return value;
    }
}
