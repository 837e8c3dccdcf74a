using System.Text.Json.Nodes;
using ResearchKit.Notebooks.Execution;
using ResearchKit.Notebooks.IO;

namespace ResearchKit.Notebooks.Kernel;

/// <summary>The C# Jupyter kernel's entry points: serve a connection file, and install the kernelspec that starts it.</summary>
public static class JupyterKernel
{
    /// <summary>The kernelspec name <see cref="Install"/> uses by default.</summary>
    public const string DefaultName = "researchkit-csharp";

    /// <summary>The AppContext key under which the kernel offers libraries the running cell's in-place status line
    /// (ResearchKit's NotebookHost.StatusLine reads it).</summary>
    public const string StatusLineKey = "ResearchKit.NotebookHost.StatusLine";

    /// <summary>Serves the kernel of <paramref name="connectionFile"/> until a shutdown request; returns the exit code.
    /// Console output of cells goes to iopub stream messages; the kernel's own messages go to standard error.</summary>
    public static int Run(string connectionFile)
    {
        var info = ConnectionInfo.Read(connectionFile);
        var log = Console.Error;
        using var server = new KernelServer(info, log);
        Console.SetOut(new ConsoleCapture("stdout", server.EmitStream));
        Console.SetError(new ConsoleCapture("stderr", server.EmitStream));
        Console.SetIn(new KernelInput(() => server.ReadLine()));
        CellInterrupt.Offer();
        AppContext.SetData(StatusLineKey, (Action<string>)server.StatusLine);
        // A process started in the background of a non-interactive shell (`jupyter ... &`, nohup, CI scripts) inherits
        // SIGINT as ignored, and .NET then leaves SIGINT alone: signal-mode interrupts would never arrive. Jupyter
        // interrupts by this signal, so restore its default disposition before taking it over.
        if (OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()) _ = RestoreDefault(SigInt);
        using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGINT, context =>
        {
            context.Cancel = true; // not the runtime's default (terminate)
            server.Interrupt();
        });
        return server.Run();
    }

    private const int SigInt = 2;

    /// <summary>libc signal(sig, SIG_DFL); SIG_DFL is the null handler.</summary>
    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "signal")]
    private static extern nint Signal(int sig, nint handler);

    private static nint RestoreDefault(int sig) => Signal(sig, 0);

    /// <summary>Writes the kernelspec folder <paramref name="name"/> under <paramref name="kernelsFolder"/> (kernel.json
    /// starting <paramref name="executable"/> with <c>kernel --connection-file {connection_file}</c>, plus
    /// <paramref name="files"/> by name, such as the logos) and returns its path.</summary>
    public static string Install(string kernelsFolder, string name, string executable, IReadOnlyDictionary<string, byte[]>? files = null)
    {
        var folder = Path.Combine(kernelsFolder, name);
        Directory.CreateDirectory(folder);
        var spec = new JsonObject
        {
            ["argv"] = new JsonArray(executable, "kernel", "--connection-file", "{connection_file}"),
            ["display_name"] = "C# (ResearchKit)",
            ["language"] = "C#",
            ["interrupt_mode"] = "signal",
            ["metadata"] = new JsonObject { ["debugger"] = false },
        };
        foreach (var (file, bytes) in files ?? new Dictionary<string, byte[]>()) AtomicFile.WriteAllBytes(Path.Combine(folder, file), bytes);
        AtomicFile.WriteAllText(Path.Combine(folder, "kernel.json"), spec.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n");
        return folder;
    }

    /// <summary>Jupyter's kernels folder: ~/.local/share/jupyter/kernels with <paramref name="user"/>, under
    /// <paramref name="prefix"/>/share/jupyter/kernels with a prefix, else /usr/local/share/jupyter/kernels.</summary>
    public static string KernelsFolder(bool user, string? prefix) =>
        prefix is not null ? Path.Combine(prefix, "share", "jupyter", "kernels")
        : user ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "share", "jupyter", "kernels")
        : "/usr/local/share/jupyter/kernels";
}
