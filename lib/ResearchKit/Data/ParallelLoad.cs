using System.Runtime.ExceptionServices;

namespace ResearchKit.Data;

/// <summary>Loads many files on all cores, keeping order and surfacing the first failure as itself.</summary>
internal static class ParallelLoad
{
    /// <summary><paramref name="load"/>(0..count-1) in parallel; a failure is rethrown unwrapped (not as AggregateException) so callers see the file's one-line error.</summary>
    public static T[] All<T>(int count, Func<int, T> load)
    {
        var all = new T[count];
        try
        {
            Parallel.For(0, count, i => all[i] = load(i));
        }
        catch (AggregateException e)
        {
            // Several files may fail at once; any one of them tells the user what to fix.
            var first = e.Flatten().InnerExceptions[0];
            ExceptionDispatchInfo.Capture(first).Throw();
        }
        return all;
    }
}
