using System.Reflection;
using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("ResearchKit.Tests.Support.BackgroundFixtureFramework", "ResearchKit.Tests")]
[assembly: TestCollectionOrderer("ResearchKit.Tests.Support.BackgroundCollectionLast", "ResearchKit.Tests")]

namespace ResearchKit.Tests.Support;

/// <summary>A class fixture whose work is done by processes of its own (the notebook passes: the CLI's runner and
/// nbconvert), which need nothing from the test process while they run. Its work starts in the background as soon as a
/// test run that includes one of its test classes begins, and overlaps the in-process tests, which still run one class
/// at a time (xunit.runner.json); its test classes sit in <see cref="BackgroundCollection"/>, which runs last, and
/// wait there for what is not finished yet.</summary>
/// <remarks>Why: the two Smoke passes over the project's notebooks took 263 + 180 s of a 14.7 min suite, most of it one
/// core's work (a kernel's start, its restore and its C# compilations), while the other core idled.</remarks>
public interface IBackgroundFixture
{
    /// <summary>Starts the fixture's work, once per process, and returns at once.</summary>
    static abstract void Start();
}

/// <summary>The collection of the test classes whose class fixture is an <see cref="IBackgroundFixture"/>.</summary>
[CollectionDefinition(Name)]
public sealed class BackgroundCollection
{
    public const string Name = "Background fixtures";
}

/// <summary>xunit's own framework, which first starts the <see cref="IBackgroundFixture"/> of every test class the run
/// includes (none when a filter leaves them out).</summary>
public sealed class BackgroundFixtureFramework(IMessageSink sink) : XunitTestFramework(sink)
{
    protected override ITestFrameworkExecutor CreateExecutor(AssemblyName assemblyName) =>
        new Executor(assemblyName, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Executor(AssemblyName name, ISourceInformationProvider info, IMessageSink sink)
        : XunitTestFrameworkExecutor(name, info, sink)
    {
        protected override void RunTestCases(IEnumerable<IXunitTestCase> testCases, IMessageSink executionMessageSink,
                                             ITestFrameworkExecutionOptions executionOptions)
        {
            var cases = testCases.ToList();
            foreach (var fixture in cases.Select(c => c.TestMethod.TestClass.Class.ToRuntimeType()).Distinct().SelectMany(Fixtures).Distinct())
                fixture.GetMethod(nameof(IBackgroundFixture.Start), BindingFlags.Public | BindingFlags.Static)!.Invoke(null, null);
            base.RunTestCases(cases, executionMessageSink, executionOptions);
        }
    }

    private static IEnumerable<Type> Fixtures(Type testClass) => testClass.GetInterfaces()
        .Where(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IClassFixture<>))
        .Select(i => i.GetGenericArguments()[0])
        .Where(typeof(IBackgroundFixture).IsAssignableFrom);
}

/// <summary>xunit's default collection order, with <see cref="BackgroundCollection"/> moved to the end.</summary>
public sealed class BackgroundCollectionLast : ITestCollectionOrderer
{
    private readonly DefaultTestCollectionOrderer defaultOrder = new();

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        defaultOrder.OrderTestCollections(testCollections).OrderBy(c => c.DisplayName == BackgroundCollection.Name ? 1 : 0);
}
