using System.Text.Json.Nodes;
using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Commands;
using Microsoft.DotNet.Interactive.CSharp;
using Microsoft.DotNet.Interactive.Events;
using Microsoft.DotNet.Interactive.Formatting;
using Microsoft.DotNet.Interactive.PackageManagement;
using ResearchKit.Notebooks.Format;
using InteractiveDiagnostic = Microsoft.DotNet.Interactive.Diagnostic;

namespace ResearchKit.Notebooks.Worker;

/// <summary>One notebook's kernel: .NET Interactive's C# kernel in a composite kernel, set up as dotnet-interactive's own
/// Jupyter kernel sets it up (<c>#r "nuget:"</c>, the kernel helpers such as <c>display</c>, value sharing, <c>#!import</c>),
/// with every kernel event streamed to the runner as an nbformat output while the cell runs.</summary>
internal sealed class KernelSession : IDisposable
{
    private const string CSharp = "csharp";

    private readonly CompositeKernel kernel;
    private readonly CSharpKernel csharp;
    private readonly EventChannel events;
    private readonly string? kitAssembly;
    private readonly IDisposable subscription;
    private readonly List<InteractiveDiagnostic> compileErrors = [];
    private int executionCount;

    /// <summary>Creates the kernel; <paramref name="kitAssembly"/> is the runner's ResearchKit.dll, which a resolved
    /// ResearchKit package must match (null: no check).</summary>
    public KernelSession(EventChannel events, string? kitAssembly)
    {
        this.events = events;
        this.kitAssembly = kitAssembly;
        csharp = new CSharpKernel().UseNugetDirective(OnPackagesResolved, forceRestore: false).UseKernelHelpers().UseValueSharing();
        kernel = new CompositeKernel { { csharp, ["c#", "C#", "cs"] } };
        kernel.DefaultKernelName = CSharp;
        kernel.UseImportMagicCommand();
        subscription = kernel.KernelEvents.Subscribe(new Observer(OnEvent));
    }

    /// <summary>Compiles and runs an empty statement, so the compiler and the kernel's pipeline are loaded and jitted before
    /// the first cell (which the runner's silence timeout then measures alone). It leaves no variable behind.</summary>
    public async Task WarmAsync()
    {
        var result = await kernel.SendAsync(new SubmitCode("System.Threading.Thread.Sleep(0);", CSharp));
        if (result.Events.OfType<CommandFailed>().FirstOrDefault() is { } failed)
            throw new InvalidOperationException($"researchkit-worker: the C# kernel failed to start: {failed.Message}");
    }

    /// <summary>The execution count of the last cell run.</summary>
    public int ExecutionCount => executionCount;

    /// <summary>Runs one cell after the earlier ones; returns null when it succeeded, else its error output.</summary>
    public async Task<JsonObject?> RunAsync(CellRef cell)
    {
        executionCount++;
        compileErrors.Clear();
        var command = new SubmitCode(cell.Source, CSharp);
        var result = await kernel.SendAsync(command);
        var failed = result.Events.OfType<CommandFailed>().FirstOrDefault(f => f.Command == command)
                     ?? result.Events.OfType<CommandFailed>().FirstOrDefault();
        if (failed is null) return null;
        return failed.Exception switch
        {
            CodeSubmissionCompilationErrorException when compileErrors.Count > 0 => CellErrors.FromDiagnostics(cell, compileErrors),
            CodeSubmissionCompilationErrorException e => CellErrors.FromMessage(cell, "CompilationError", e.Message),
            StaleKitPackageException e => CellErrors.FromMessage(cell, "StaleKitPackage", e.Message),
            { } e => CellErrors.FromException(cell, e),
            null => CellErrors.FromMessage(cell, FailureName(failed.Message), failed.Message),
        };
    }

    /// <summary>Returns the declared type of a variable the cells run so far define (the last one of that name), or null.</summary>
    public Type? VariableType(string name) =>
        csharp.ScriptState?.Variables.LastOrDefault(v => v.Name == name)?.Type;

    public void Dispose()
    {
        subscription.Dispose();
        kernel.Dispose();
    }

    // A failure without an exception is the kernel's own message: #r "nuget:" restores that fail say so.
    private static string FailureName(string message) =>
        message.Contains("nuget", StringComparison.OrdinalIgnoreCase) || message.Contains("package", StringComparison.OrdinalIgnoreCase)
            ? "PackageRestoreError" : "CommandFailed";

    private void OnEvent(KernelEvent e)
    {
        switch (e)
        {
            case StandardOutputValueProduced o:
                events.Output(CellOutput.Stream("stdout", OutputMapper.PlainText(o.FormattedValues, o.Value)));
                break;
            case StandardErrorValueProduced o:
                events.Output(CellOutput.Stream("stderr", OutputMapper.PlainText(o.FormattedValues, o.Value)));
                break;
            case ErrorProduced o:
                events.Output(CellOutput.Stream("stderr", o.Message.EndsWith('\n') ? o.Message : o.Message + "\n"));
                break;
            case DisplayedValueUpdated u when u.ValueId is not null:
                events.Update(u.ValueId, OutputMapper.Data(u.FormattedValues));
                break;
            case DisplayedValueProduced d:
                events.Output(Bundle("display_data", d.FormattedValues), d.ValueId);
                break;
            case ReturnValueProduced r when r.Value is not DisplayedValue: // a displayed value was shown already (as the tool does)
                events.Output(Bundle("execute_result", r.FormattedValues), r.ValueId);
                break;
            case DiagnosticsProduced d when d.Diagnostics.Any(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error):
                compileErrors.AddRange(d.Diagnostics.Where(x => x.Severity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error));
                break;
            case DiagnosticsProduced d when d.FormattedDiagnostics.Count > 0: // warnings, on stderr as the tool spaces them
                events.Output(CellOutput.Stream("stderr", "\n" + string.Join("\n\n", d.FormattedDiagnostics.Select(v => v.Value)) + "\n\n"));
                break;
        }
    }

    private JsonObject Bundle(string outputType, IReadOnlyCollection<FormattedValue> values)
    {
        var output = new JsonObject { ["output_type"] = outputType };
        if (outputType == "execute_result") output["execution_count"] = executionCount;
        output["data"] = OutputMapper.Data(values);
        output["metadata"] = new JsonObject();
        return output;
    }

    // #r "nuget:" resolved: check the kit's build, reference the assemblies (what dotnet-interactive's own C# kernel
    // setup does) and, like the tool's package extension loader (internal to the tool), run each package's
    // interactive-extensions/dotnet/extension.dib. Extensions shipped as IKernelExtension dlls (SkiaSharp's) are not loaded.
    private async Task OnPackagesResolved(CSharpKernel k, IReadOnlyList<ResolvedPackageReference> packages)
    {
        if (kitAssembly is not null)
            foreach (var package in packages.Where(p => p.PackageName.Equals(KitBuild.Name, StringComparison.OrdinalIgnoreCase)))
                foreach (var dll in package.AssemblyPaths.Where(p => Path.GetFileName(p).Equals(KitBuild.Name + ".dll", StringComparison.OrdinalIgnoreCase)))
                    if (KitBuild.Mismatch(dll, package.PackageVersion, kitAssembly) is { } message)
                        throw new StaleKitPackageException(message);
        k.AddAssemblyReferences(packages.SelectMany(r => r.AssemblyPaths));
        foreach (var package in packages)
        {
            var dib = new FileInfo(Path.Combine(package.PackageRoot, "interactive-extensions", "dotnet", "extension.dib"));
            if (!dib.Exists) continue;
            if (KernelInvocationContext.Current is { } context)
                KernelInvocationContextExtensions.Display(context, $"Loading extension script from `{dib.FullName}`", "text/plain");
            await k.RootKernel.LoadAndRunInteractiveDocument(dib, KernelInvocationContext.Current?.Command);
        }
    }

    private sealed class Observer(Action<KernelEvent> onNext) : IObserver<KernelEvent>
    {
        public void OnNext(KernelEvent value) => onNext(value);

        public void OnError(Exception error) { }

        public void OnCompleted() { }
    }
}
