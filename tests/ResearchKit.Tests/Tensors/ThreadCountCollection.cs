namespace ResearchKit.Tests.Tensors;

/// <summary>Test classes that change the global <see cref="ResearchKit.Tensors.Threading.Threads"/>: they run alone, after
/// every parallel test, so no other test's bitwise-determinism check sees the thread count change under it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ThreadCountCollection
{
    public const string Name = "Thread count";
}
