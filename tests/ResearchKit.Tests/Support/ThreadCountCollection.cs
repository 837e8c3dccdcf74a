namespace ResearchKit.Tests.Support;

/// <summary>Test classes that change a process-wide thread count (libtorch's set_num_threads, the kit's managed loops):
/// they run alone, after every parallel test, so no other test's bitwise-determinism check sees the count change under it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadCountCollection
{
    public const string Name = "Thread count";
}
