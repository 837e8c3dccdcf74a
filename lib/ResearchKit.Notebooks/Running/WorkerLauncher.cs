namespace ResearchKit.Notebooks.Running;

/// <summary>How to start a worker process: an executable and the arguments that select its worker mode.</summary>
public sealed record WorkerLauncher(string FileName, IReadOnlyList<string> Arguments)
{
    /// <summary>Returns a launcher for this same program with <paramref name="subcommand"/>; when the host is
    /// <c>dotnet</c> the entry assembly path goes first.</summary>
    public static WorkerLauncher ForCurrentProcess(string subcommand)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("cannot tell this process's executable");
        var isDotnet = Path.GetFileNameWithoutExtension(host).Equals("dotnet", StringComparison.OrdinalIgnoreCase);
        var entry = System.Reflection.Assembly.GetEntryAssembly()?.Location;
        return isDotnet && !string.IsNullOrEmpty(entry)
            ? new WorkerLauncher(host, [entry, subcommand])
            : new WorkerLauncher(host, [subcommand]);
    }
}
